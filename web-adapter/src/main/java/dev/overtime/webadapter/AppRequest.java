package dev.overtime.webadapter;

import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP/1.1 request an event becomes.
 *
 * @param kind the event's kind, which shapes the response
 * @param method the request method
 * @param target path and query, as sent on the request line
 * @param headers alternating names and values, in order, repeated names kept
 * @param body the request body (never null)
 */
record AppRequest(EventKind kind, String method, String target, List<String> headers, byte[] body) {

    /** The first value of a header, by case-insensitive name, or null. */
    String header(String name) {
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            if (headers.get(i).equalsIgnoreCase(name)) {
                return headers.get(i + 1);
            }
        }
        return null;
    }

    /** All values of a header, in order. */
    List<String> headerValues(String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            if (headers.get(i).equalsIgnoreCase(name)) {
                values.add(headers.get(i + 1));
            }
        }
        return values;
    }
}
