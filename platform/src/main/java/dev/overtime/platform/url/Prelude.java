package dev.overtime.platform.url;

import java.util.List;
import java.util.Map;

/**
 * The status, headers and cookies that open a streamed function URL response.
 *
 * @param statusCode the HTTP status, 200 unless the function said otherwise
 * @param headers    the headers in the order given
 * @param cookies    the cookies, each to become its own {@code Set-Cookie} header
 */
public record Prelude(int statusCode, List<Map.Entry<String, String>> headers, List<String> cookies) {

    public Prelude {
        headers = List.copyOf(headers);
        cookies = List.copyOf(cookies);
    }
}
