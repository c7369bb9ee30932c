package dev.overtime.platform.url;

import com.fasterxml.jackson.databind.DeserializationFeature;
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
 * Turns a buffered function result into the function URL's HTTP answer.
 *
 * <ul>
 *   <li>function error: 502, {@code text/plain}, {@code Internal Server Error};</li>
 *   <li>a JSON object with {@code statusCode}: the full form ({@code statusCode}, {@code headers},
 *       {@code cookies}, {@code body}, {@code isBase64Encoded}); {@code multiValueHeaders} is ignored;
 *       content type defaults to {@code application/json};</li>
 *   <li>any other valid JSON: 200, {@code application/json}, the returned bytes unchanged;</li>
 *   <li>bytes that are not JSON (a custom runtime may post anything): treated the same way, 200,
 *       {@code application/json}, bytes unchanged. AWS documents only the JSON cases; passing the
 *       bytes through loses nothing and matches the "infer 200" shortcut.</li>
 * </ul>
 * A full form that cannot be honoured (status out of range, bad base64, non-scalar header) is a 502.
 */
public final class BufferedUrlResponses {

    static final byte[] INTERNAL_SERVER_ERROR = "Internal Server Error".getBytes(StandardCharsets.US_ASCII);

    private static final ObjectReader JSON = new ObjectMapper()
            .readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private BufferedUrlResponses() {
    }

    /**
     * The HTTP answer for a function's buffered result.
     *
     * @param payload       the bytes the function returned (or its error document)
     * @param functionError whether the invocation ended in a function error
     */
    public static UrlResponse response(byte[] payload, boolean functionError) {
        if (functionError) {
            return internalServerError();
        }
        byte[] bytes = payload == null ? new byte[0] : payload;
        JsonNode json = parse(bytes);
        if (json != null && json.isObject() && json.has("statusCode")) {
            return fullForm(json);
        }
        return new UrlResponse(200, List.of(Map.entry("content-type", "application/json")), bytes);
    }

    /** The 502 AWS answers when the function failed or its answer cannot be mapped. */
    public static UrlResponse internalServerError() {
        return new UrlResponse(502, List.of(Map.entry("content-type", "text/plain")), INTERNAL_SERVER_ERROR.clone());
    }

    private static UrlResponse fullForm(JsonNode json) {
        JsonNode status = json.get("statusCode");
        if (!status.canConvertToInt() || !status.isIntegralNumber()
                || status.intValue() < 100 || status.intValue() > 599) {
            return internalServerError();
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        boolean hasContentType = false;
        JsonNode headersNode = json.path("headers");
        if (headersNode.isObject()) {
            for (Map.Entry<String, JsonNode> h : headersNode.properties()) {
                if (!h.getValue().isValueNode() || h.getValue().isNull()) {
                    return internalServerError();
                }
                headers.add(Map.entry(h.getKey(), h.getValue().asText()));
                hasContentType |= h.getKey().equalsIgnoreCase("content-type");
            }
        }
        if (!hasContentType) {
            headers.add(Map.entry("content-type", "application/json"));
        }
        for (JsonNode cookie : json.path("cookies")) {
            headers.add(Map.entry("set-cookie", cookie.asText()));
        }
        byte[] body = body(json);
        return body == null ? internalServerError() : new UrlResponse(status.intValue(), headers, body);
    }

    /** The decoded body, or {@code null} when it claims base64 but is not. */
    private static byte[] body(JsonNode json) {
        JsonNode body = json.get("body");
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        // A non-string body is sent as its JSON text rather than refused.
        String text = body.isTextual() ? body.textValue() : body.toString();
        if (json.path("isBase64Encoded").asBoolean(false)) {
            try {
                return Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return JSON.readValue(bytes);
        } catch (IOException e) {
            return null;
        }
    }
}
