package dev.overtime.platform.url;

import java.util.List;
import java.util.Map;

/**
 * The HTTP answer a function URL gives, ready to be written by the door.
 *
 * @param status  the HTTP status code
 * @param headers the headers in order; names may repeat (one {@code Set-Cookie} per cookie)
 * @param body    the body bytes, never {@code null}
 */
public record UrlResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    public UrlResponse {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, by case-insensitive name, or {@code null}. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }
}
