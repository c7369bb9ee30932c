package dev.overtime.platform.apigateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What an API answers, ready to be written.
 *
 * @param status  the HTTP status
 * @param headers in order; a name may repeat
 * @param body    never null
 * @param stream  a function's streamed response to relay chunk by chunk instead (status and headers come
 *                from its prelude), or null
 */
public record ApiResponse(int status, List<Map.Entry<String, String>> headers, byte[] body,
                          dev.overtime.platform.invocation.StreamedResponse stream) {

    public ApiResponse {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public ApiResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        this(status, headers, body, null);
    }

    /** A streamed answer: the function's prelude and chunks, relayed as they come. */
    public static ApiResponse streamed(dev.overtime.platform.invocation.StreamedResponse stream) {
        return new ApiResponse(200, List.of(), new byte[0], stream);
    }

    /** API Gateway's own JSON answer, {@code {"message": "..."}}, with its error type header. */
    public static ApiResponse message(int status, String message, String errorType) {
        String json = "{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        List<Map.Entry<String, String>> headers = errorType == null
                ? List.of(Map.entry("Content-Type", "application/json"))
                : List.of(Map.entry("Content-Type", "application/json"), Map.entry("x-amzn-ErrorType", errorType));
        return new ApiResponse(status, headers, json.getBytes(StandardCharsets.UTF_8));
    }

    /** This answer with one more header. */
    public ApiResponse withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new java.util.ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new ApiResponse(status, more, body, stream);
    }
}
