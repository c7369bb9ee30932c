package dev.overtime.webadapter;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The app's response in the shape the event's source expects, as LWA (through the Rust runtime's
 * {@code lambda_http}) writes it:
 * <ul>
 * <li>2.0: {@code headers} with repeated values joined by commas, {@code Set-Cookie} moved to
 *     {@code cookies};
 * <li>1.0: everything in {@code multiValueHeaders}, {@code headers} empty (API Gateway merges
 *     both, so filling both would double each header);
 * <li>ALB: both, since the target group may be configured for either, and {@code statusDescription};
 * <li>pass-through: the app's body itself, when it is JSON text, else {@code null}.
 * </ul>
 * The body is text when the content type is textual (or absent) and there is no
 * {@code Content-Encoding}; otherwise base64 with {@code isBase64Encoded: true}.
 */
final class LambdaResponses {

    /** The 8 NUL bytes after a streamed response's prelude. */
    static final byte[] PRELUDE_DELIMITER = new byte[8];

    private LambdaResponses() {
    }

    /** The buffered result for one invocation. */
    static byte[] buffered(EventKind kind, int status, String[] headers, byte[] body) {
        if (kind == EventKind.PASS_THROUGH) {
            return passThrough(headers, body);
        }
        Map<String, List<String>> grouped = group(headers, false);
        StringBuilder sb = new StringBuilder(256 + body.length * 4 / 3);
        sb.append("{\"statusCode\":").append(status);
        switch (kind) {
            case HTTP_V2 -> {
                List<String> cookies = grouped.remove("set-cookie");
                sb.append(",\"headers\":");
                joinedHeaders(sb, grouped);
                sb.append(",\"multiValueHeaders\":{}");
                sb.append(",\"cookies\":[");
                if (cookies != null) {
                    for (int i = 0; i < cookies.size(); i++) {
                        if (i > 0) {
                            sb.append(',');
                        }
                        Json.quote(sb, cookies.get(i));
                    }
                }
                sb.append(']');
            }
            case HTTP_V1 -> {
                sb.append(",\"headers\":{},\"multiValueHeaders\":");
                multiValueHeaders(sb, grouped);
            }
            case ALB -> {
                sb.append(",\"statusDescription\":");
                Json.quote(sb, status + " " + reason(status));
                sb.append(",\"headers\":");
                firstValueHeaders(sb, grouped);
                sb.append(",\"multiValueHeaders\":");
                multiValueHeaders(sb, grouped);
            }
            default -> throw new IllegalStateException(kind.name());
        }
        Charset text = textCharset(headers);
        sb.append(",\"body\":");
        if (text != null) {
            Json.quote(sb, new String(body, text));
            sb.append(",\"isBase64Encoded\":false}");
        } else {
            sb.append('"').append(Base64.getEncoder().encodeToString(body)).append('"');
            sb.append(",\"isBase64Encoded\":true}");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The HTTP integration prelude of a streamed response, with its 8 NULs:
     * {@code {"statusCode":..,"headers":{..},"cookies":[..]}}.
     */
    static byte[] prelude(int status, String[] headers) {
        Map<String, List<String>> grouped = group(headers, true);
        List<String> cookies = grouped.remove("set-cookie");
        StringBuilder sb = new StringBuilder(256).append("{\"statusCode\":").append(status).append(",\"headers\":");
        joinedHeaders(sb, grouped);
        sb.append(",\"cookies\":[");
        if (cookies != null) {
            for (int i = 0; i < cookies.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                Json.quote(sb, cookies.get(i));
            }
        }
        sb.append("]}");
        byte[] json = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[json.length + PRELUDE_DELIMITER.length];
        System.arraycopy(json, 0, out, 0, json.length);
        return out;
    }

    /** The app's body when it is JSON text; {@code null} otherwise, as LWA answers. */
    private static byte[] passThrough(String[] headers, byte[] body) {
        Charset text = textCharset(headers);
        if (text != null && body.length > 0) {
            String s = new String(body, text);
            try {
                Json.parse(s.trim());
                return text == StandardCharsets.UTF_8 ? body : s.getBytes(StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notJson) {
                // falls through to null
            }
        }
        return "null".getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The charset to read the body as text with, or null when it must be base64: textual types
     * ({@code text/*}, JSON, JavaScript, XML, YAML and their {@code +} suffixes), no content type
     * at all, or {@code x-lambda-http-content-encoding: text}; never with a Content-Encoding.
     */
    static Charset textCharset(String[] headers) {
        String contentType = null;
        String lambdaEncoding = null;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            String name = headers[i];
            if (name.equalsIgnoreCase("content-encoding")) {
                return null;
            }
            if (contentType == null && name.equalsIgnoreCase("content-type")) {
                contentType = headers[i + 1];
            } else if (name.equalsIgnoreCase("x-lambda-http-content-encoding")) {
                lambdaEncoding = headers[i + 1];
            }
        }
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        String type = contentType.toLowerCase(Locale.ROOT).trim();
        int semicolon = type.indexOf(';');
        String mime = (semicolon >= 0 ? type.substring(0, semicolon) : type).trim();
        boolean textual = type.startsWith("text") || type.startsWith("application/json")
                || type.startsWith("application/javascript") || type.startsWith("application/xml")
                || type.startsWith("application/yaml") || mime.endsWith("+xml") || mime.endsWith("+yaml")
                || mime.endsWith("+json") || "text".equals(lambdaEncoding);
        if (!textual) {
            return null;
        }
        int at = type.indexOf("charset=");
        if (at >= 0) {
            String name = type.substring(at + 8).split("[;\\s]")[0].replace("\"", "");
            try {
                return Charset.forName(name);
            } catch (RuntimeException unknown) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Headers by lower-case name, in order; hop-by-hop headers dropped (and Content-Length when streaming). */
    private static Map<String, List<String>> group(String[] headers, boolean streaming) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            String name = headers[i].toLowerCase(Locale.ROOT);
            if (name.equals("transfer-encoding") || name.equals("connection") || name.equals("keep-alive")
                    || streaming && name.equals("content-length")) {
                continue;
            }
            grouped.computeIfAbsent(name, k -> new ArrayList<>(1)).add(headers[i + 1]);
        }
        return grouped;
    }

    /** {@code {"name":"v1,v2"}}: each header's values joined with commas. */
    private static void joinedHeaders(StringBuilder sb, Map<String, List<String>> grouped) {
        headerObject(sb, grouped, (out, values) -> Json.quote(out, String.join(",", values)));
    }

    /** {@code {"name":"v1"}}: each header's first value. */
    private static void firstValueHeaders(StringBuilder sb, Map<String, List<String>> grouped) {
        headerObject(sb, grouped, (out, values) -> Json.quote(out, values.get(0)));
    }

    /** {@code {"name":["v1","v2"]}}: every value of each header. */
    private static void multiValueHeaders(StringBuilder sb, Map<String, List<String>> grouped) {
        headerObject(sb, grouped, (out, values) -> {
            out.append('[');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Json.quote(out, values.get(i));
            }
            out.append(']');
        });
    }

    private static void headerObject(StringBuilder sb, Map<String, List<String>> grouped,
                                     java.util.function.BiConsumer<StringBuilder, List<String>> value) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, List<String>> e : grouped.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            Json.quote(sb, e.getKey()).append(':');
            value.accept(sb, e.getValue());
        }
        sb.append('}');
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 418 -> "I'm a teapot";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }
}
