package dev.overtime.platform.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Maps what a proxy integration's function returned to the HTTP answer, as API Gateway does:
 * format 1.0 needs {@code statusCode} (anything else is a malformed response), format 2.0 also takes
 * any JSON value as a 200 body. A function error or a malformed response is REST's 502
 * {@code Internal server error}, or an HTTP API's 500 {@code Internal Server Error}.
 */
public final class ProxyResponses {

    private static final ObjectReader JSON = new ObjectMapper().reader();

    private ProxyResponses() {
    }

    /** The answer for a function error, or a response API Gateway cannot map. */
    public static ApiResponse failure(ApiKind kind) {
        return kind == ApiKind.REST ? ApiResponse.message(502, "Internal server error", null)
                : ApiResponse.message(500, "Internal Server Error", null);
    }

    public static ApiResponse map(ApiKind kind, String payloadFormatVersion, byte[] payload) {
        JsonNode json = parse(payload);
        boolean v2 = kind == ApiKind.HTTP && payloadFormatVersion.equals("2.0");
        if (v2 && (json == null || !json.isObject() || !json.has("statusCode"))) {
            if (json == null) {
                return failure(kind);
            }
            // 2.0: a value without statusCode is the body of a 200.
            String body = json.isTextual() ? json.textValue() : json.toString();
            return new ApiResponse(200, List.of(Map.entry("Content-Type", "application/json")),
                    body.getBytes(StandardCharsets.UTF_8));
        }
        if (json == null || !json.isObject() || !json.has("statusCode")) {
            return failure(kind);
        }
        JsonNode status = json.get("statusCode");
        int code = status.isIntegralNumber() ? status.intValue()
                : status.isTextual() && status.textValue().matches("\\d{3}") ? Integer.parseInt(status.textValue()) : -1;
        if (code < 100 || code > 599) {
            return failure(kind);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        JsonNode single = json.path("headers");
        if (!single.isMissingNode() && !single.isNull() && !single.isObject()) {
            return failure(kind);
        }
        for (Map.Entry<String, JsonNode> h : single.properties()) {
            headers.add(Map.entry(h.getKey(), h.getValue().asText()));
        }
        for (Map.Entry<String, JsonNode> h : json.path("multiValueHeaders").properties()) {
            if (single.has(h.getKey())) {
                continue;
            }
            for (JsonNode value : h.getValue()) {
                headers.add(Map.entry(h.getKey(), value.asText()));
            }
        }
        if (v2) {
            for (JsonNode cookie : json.path("cookies")) {
                headers.add(Map.entry("Set-Cookie", cookie.asText()));
            }
        }
        if (headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Content-Type"))) {
            headers.add(Map.entry("Content-Type", "application/json"));
        }
        JsonNode bodyNode = json.get("body");
        byte[] body;
        if (bodyNode == null || bodyNode.isNull()) {
            body = new byte[0];
        } else {
            String text = bodyNode.isTextual() ? bodyNode.textValue() : bodyNode.toString();
            if (json.path("isBase64Encoded").asBoolean(false)) {
                try {
                    body = Base64.getDecoder().decode(text);
                } catch (IllegalArgumentException e) {
                    return failure(kind);
                }
            } else {
                body = text.getBytes(StandardCharsets.UTF_8);
            }
        }
        return new ApiResponse(code, headers, body);
    }

    private static JsonNode parse(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            return null;
        }
    }
}
