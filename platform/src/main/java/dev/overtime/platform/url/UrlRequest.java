package dev.overtime.platform.url;

import java.util.List;
import java.util.Map;

/**
 * One HTTP request as it reached a function URL, before it becomes an event.
 *
 * @param method         the HTTP method, e.g. {@code GET}
 * @param rawPath        the path as received, not decoded
 * @param rawQueryString the query without its leading {@code ?}; {@code null} or empty when there is none
 * @param headers        the headers in arrival order, names as received; may repeat
 * @param body           the body bytes; {@code null} or empty when there is none
 * @param sourceIp       the client address
 * @param userAgent      the User-Agent header value, or {@code null}
 * @param protocol       the protocol, e.g. {@code HTTP/1.1}
 */
public record UrlRequest(String method, String rawPath, String rawQueryString,
                         List<Map.Entry<String, String>> headers, byte[] body,
                         String sourceIp, String userAgent, String protocol) {

    public UrlRequest {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }
}
