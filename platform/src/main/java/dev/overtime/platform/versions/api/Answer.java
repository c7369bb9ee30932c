package dev.overtime.platform.versions.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one operation answers: an HTTP status and a JSON document, or no body (a 204).
 *
 * @param body the document, or null for an empty body
 */
record Answer(int status, JsonNode body) {

    static Answer of(int status, JsonNode body) {
        return new Answer(status, body);
    }

    static Answer noContent() {
        return new Answer(204, null);
    }
}
