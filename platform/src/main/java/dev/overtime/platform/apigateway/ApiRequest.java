package dev.overtime.platform.apigateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request as an API received it, the stage already taken off the path.
 *
 * @param method    the HTTP method
 * @param path      the path within the stage, e.g. {@code /run/42} (raw, not decoded)
 * @param query     the raw query string, empty when none
 * @param headers   the headers in arrival order (names as sent)
 * @param body      the body, never null
 * @param sourceIp  the caller's address
 * @param protocol  e.g. {@code HTTP/1.1}
 * @param host      the {@code Host} header
 * @param selector  the thread that owns the caller's connection: the function's worker there is preferred,
 *                  so the invoke stays on one selector; null when unknown
 */
public record ApiRequest(String method, String path, String query, List<Map.Entry<String, String>> headers,
                         byte[] body, String sourceIp, String protocol, String host,
                         java.util.concurrent.Executor selector) {

    public ApiRequest {
        headers = List.copyOf(headers);
        query = query == null ? "" : query;
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, by case-insensitive name, or null. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** Headers by name as sent (the first spelling wins), every value kept. */
    public Map<String, List<String>> multiHeaders() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        Map<String, String> spelling = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers) {
            String key = spelling.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> h.getKey());
            all.computeIfAbsent(key, k -> new ArrayList<>()).add(h.getValue());
        }
        return all;
    }

    /** Query parameters, decoded, every value kept, in order. */
    public Map<String, List<String>> multiQuery() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return all;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            all.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return all;
    }

    private static String decode(String text) {
        try {
            return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
