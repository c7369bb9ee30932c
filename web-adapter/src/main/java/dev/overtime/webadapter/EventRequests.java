package dev.overtime.webadapter;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Turns an event into the request for the app, as LWA does: method, path (minus
 * {@code AWS_LWA_REMOVE_BASE_PATH}), query with every value, every header value, the 2.0 event's
 * cookies joined into one {@code Cookie}, the body base64-decoded where {@code isBase64Encoded}, and
 * two added headers: {@code x-amzn-request-context} (the event's {@code requestContext} as JSON)
 * and {@code x-amzn-lambda-context} (the invocation, with the Rust runtime's field names).
 */
final class EventRequests {

    private final AdapterConfig config;
    /** The {@code env_config} member of {@code x-amzn-lambda-context}, the same for every invoke. */
    private final String envConfigJson;

    EventRequests(AdapterConfig config, Map<String, String> env) {
        this.config = config;
        StringBuilder sb = new StringBuilder("{\"function_name\":");
        Json.quote(sb, env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", ""));
        sb.append(",\"memory\":").append(parseInt(env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")));
        sb.append(",\"version\":");
        Json.quote(sb, env.getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", ""));
        sb.append(",\"log_stream\":");
        Json.quote(sb, env.getOrDefault("AWS_LAMBDA_LOG_STREAM_NAME", ""));
        sb.append(",\"log_group\":");
        Json.quote(sb, env.getOrDefault("AWS_LAMBDA_LOG_GROUP_NAME", "")).append('}');
        this.envConfigJson = sb.toString();
    }

    /** @throws IllegalArgumentException if the event is not JSON */
    AppRequest toRequest(RuntimeEvent invocation) {
        Json.Parsed parsed = Json.parseEvent(invocation.event());
        EventKind kind = EventKind.of(parsed.value());
        List<String> headers = new ArrayList<>(32);
        String method;
        String path;
        String query;
        byte[] body;
        if (kind == EventKind.PASS_THROUGH) {
            method = "POST";
            path = config.passThroughPath();
            query = null;
            headers.add("Content-Type");
            headers.add("application/json");
            body = invocation.event();
        } else {
            Map<?, ?> event = (Map<?, ?>) parsed.value();
            switch (kind) {
                case HTTP_V2 -> {
                    Map<?, ?> http = (Map<?, ?>) ((Map<?, ?>) event.get("requestContext")).get("http");
                    method = String.valueOf(http.get("method"));
                    path = string(event.get("rawPath"));
                    query = string(event.get("rawQueryString"));
                    if (event.get("headers") instanceof Map<?, ?> h) {
                        for (Map.Entry<?, ?> e : h.entrySet()) {
                            addHeader(headers, String.valueOf(e.getKey()), e.getValue());
                        }
                    }
                    if (event.get("cookies") instanceof List<?> cookies && !cookies.isEmpty()) {
                        removeHeader(headers, "cookie");
                        StringBuilder joined = new StringBuilder();
                        for (Object c : cookies) {
                            if (joined.length() > 0) {
                                joined.append("; ");
                            }
                            joined.append(c);
                        }
                        addHeader(headers, "cookie", joined.toString());
                    }
                }
                case HTTP_V1, ALB -> {
                    method = string(event.get("httpMethod"));
                    path = string(event.get("path"));
                    query = kind == EventKind.ALB
                            ? query(event, false)   // ALB sends the values as received: still encoded
                            : query(event, true);
                    Object multi = event.get("multiValueHeaders");
                    if (multi instanceof Map<?, ?> mh && !mh.isEmpty()) {
                        for (Map.Entry<?, ?> e : mh.entrySet()) {
                            addHeader(headers, String.valueOf(e.getKey()), e.getValue());
                        }
                    } else if (event.get("headers") instanceof Map<?, ?> h) {
                        for (Map.Entry<?, ?> e : h.entrySet()) {
                            addHeader(headers, String.valueOf(e.getKey()), e.getValue());
                        }
                    }
                }
                default -> throw new IllegalStateException(kind.name());
            }
            Object b = event.get("body");
            if (b instanceof String s && !s.isEmpty()) {
                body = Boolean.TRUE.equals(event.get("isBase64Encoded"))
                        ? Base64.getMimeDecoder().decode(s)
                        : s.getBytes(StandardCharsets.UTF_8);
            } else {
                body = new byte[0];
            }
        }

        path = stripBasePath(path == null || path.isEmpty() ? "/" : path);
        String target = query == null || query.isEmpty() ? path : path + "?" + query;

        String context = parsed.rawRequestContext();
        headers.add("x-amzn-request-context");
        headers.add(context == null || kind == EventKind.PASS_THROUGH ? "null" : oneLine(context));
        headers.add("x-amzn-lambda-context");
        headers.add(lambdaContext(invocation));
        if (invocation.tenantId() != null) {
            headers.add("x-amz-tenant-id");
            headers.add(invocation.tenantId());
        }
        if (invocation.traceId() != null && indexOf(headers, "x-amzn-trace-id") < 0) {
            headers.add("x-amzn-trace-id");
            headers.add(invocation.traceId());
        }
        if (config.authorizationSource() != null) {
            int at = indexOf(headers, config.authorizationSource());
            if (at >= 0) {
                String value = headers.get(at + 1);
                removeHeader(headers, config.authorizationSource());
                removeHeader(headers, "authorization");
                headers.add("authorization");
                headers.add(value);
            } else {
                Log.warn("\"" + config.authorizationSource() + "\" header not found in request headers");
            }
        }
        return new AppRequest(kind, method, target, headers, body);
    }

    /** Strips {@code AWS_LWA_REMOVE_BASE_PATH} from the front, as often as it repeats (as LWA does). */
    String stripBasePath(String path) {
        String base = config.removeBasePath();
        if (base == null) {
            return path;
        }
        while (path.startsWith(base)) {
            path = path.substring(base.length());
        }
        return path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path;
    }

    private String lambdaContext(RuntimeEvent inv) {
        StringBuilder sb = new StringBuilder(256).append("{\"request_id\":");
        Json.quote(sb, inv.requestId()).append(",\"deadline\":").append(inv.deadlineMs());
        sb.append(",\"invoked_function_arn\":");
        Json.quote(sb, inv.invokedFunctionArn() == null ? "" : inv.invokedFunctionArn());
        sb.append(",\"xray_trace_id\":");
        if (inv.traceId() == null) {
            sb.append("null");
        } else {
            Json.quote(sb, inv.traceId());
        }
        sb.append(",\"client_context\":").append(jsonOrNull(inv.clientContext()));
        sb.append(",\"identity\":").append(jsonOrNull(inv.cognitoIdentity()));
        if (inv.tenantId() != null) {
            sb.append(",\"tenant_id\":");
            Json.quote(sb, inv.tenantId());
        }
        return sb.append(",\"env_config\":").append(envConfigJson).append('}').toString();
    }

    /** Query string from the 1.0/ALB maps, multi-value preferred (it is a superset). */
    private static String query(Map<?, ?> event, boolean encode) {
        StringBuilder sb = new StringBuilder();
        Object multi = event.get("multiValueQueryStringParameters");
        Map<?, ?> params = multi instanceof Map<?, ?> m && !m.isEmpty() ? m
                : event.get("queryStringParameters") instanceof Map<?, ?> s ? s : null;
        if (params == null) {
            return null;
        }
        for (Map.Entry<?, ?> e : params.entrySet()) {
            String name = String.valueOf(e.getKey());
            List<?> values = e.getValue() instanceof List<?> l ? l : java.util.Collections.singletonList(e.getValue());
            for (Object v : values) {
                if (sb.length() > 0) {
                    sb.append('&');
                }
                sb.append(encode ? encode(name) : name).append('=');
                if (v != null) {
                    sb.append(encode ? encode(String.valueOf(v)) : String.valueOf(v));
                }
            }
        }
        return sb.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The caller's hop-by-hop headers, which described its connection to the front door, not the adapter's to
     * the app (a forwarded {@code Upgrade: h2c} makes servers such as Jetty refuse the request).
     */
    private static final java.util.Set<String> HOP_BY_HOP = java.util.Set.of("content-length", "transfer-encoding",
            "connection", "keep-alive", "upgrade", "http2-settings", "te", "trailer", "proxy-connection");

    /** Adds one header or, for a list, one line per value. Values that could split the head are dropped. */
    private static void addHeader(List<String> headers, String name, Object value) {
        if (HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) || !safe(name)) {
            return;
        }
        if (value instanceof List<?> values) {
            for (Object v : values) {
                addHeader(headers, name, v);
            }
            return;
        }
        if (value == null) {
            return;
        }
        String v = String.valueOf(value);
        if (safe(v)) {
            headers.add(name);
            headers.add(v);
        }
    }

    private static boolean safe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return false;
            }
        }
        return true;
    }

    private static void removeHeader(List<String> headers, String name) {
        for (int i = headers.size() - 2; i >= 0; i -= 2) {
            if (headers.get(i).equalsIgnoreCase(name)) {
                headers.remove(i + 1);
                headers.remove(i);
            }
        }
    }

    private static int indexOf(List<String> headers, String name) {
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            if (headers.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String jsonOrNull(String json) {
        if (json == null || json.isEmpty()) {
            return "null";
        }
        try {
            Json.parse(json);
            return oneLine(json);
        } catch (IllegalArgumentException e) {
            return "null";
        }
    }

    /** JSON text on one line: raw line breaks can only be whitespace between tokens. */
    private static String oneLine(String json) {
        return json.indexOf('\n') < 0 && json.indexOf('\r') < 0 ? json : json.replace('\n', ' ').replace('\r', ' ');
    }

    private static String string(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static int parseInt(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
