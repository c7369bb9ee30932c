package dev.overtime.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Pulls the message out of a Lambda API error body. */
final class ApiMessage {
    private ApiMessage() {
    }

    static String of(String body) {
        try {
            JsonNode doc = new ObjectMapper().readTree(body);
            JsonNode message = doc.has("message") ? doc.get("message") : doc.get("Message");
            return message == null ? body : message.asText();
        } catch (Exception e) {
            return body;
        }
    }
}
