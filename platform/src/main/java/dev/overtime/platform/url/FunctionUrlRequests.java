package dev.overtime.platform.url;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the payload format 2.0 event that a function URL hands to its function.
 *
 * <p>{@code requestContext.authorizer} is omitted, as AWS does for AuthType NONE, and holds {@code iam} (the
 * signing caller) for AWS_IAM;
 * {@code pathParameters} and {@code stageVariables} are omitted as well.
 */
public final class FunctionUrlRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** AWS's CLF-style {@code requestContext.time}, e.g. {@code 12/Mar/2020:19:03:58 +0000}. */
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private FunctionUrlRequests() {
    }

    /** The event as JSON bytes, ready to be the invocation payload. */
    public static byte[] eventBytes(UrlRequest request, UrlEventContext context) {
        try {
            return JSON.writeValueAsBytes(event(request, context));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    /** The event as a JSON tree. */
    public static ObjectNode event(UrlRequest request, UrlEventContext context) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", request.rawPath());
        String query = request.rawQueryString() == null ? "" : request.rawQueryString();
        event.put("rawQueryString", query);

        List<String> cookies = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>();
        String contentType = null;
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                cookies.addAll(splitCookies(header.getValue()));
                continue;
            }
            headers.merge(name, header.getValue(), (a, b) -> a + "," + b);
            if (name.equals("content-type") && contentType == null) {
                contentType = header.getValue();
            }
        }
        if (!cookies.isEmpty()) {
            ArrayNode array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        ObjectNode headersNode = event.putObject("headers");
        headers.forEach(headersNode::put);
        if (!query.isEmpty()) {
            ObjectNode params = event.putObject("queryStringParameters");
            queryParameters(query).forEach(params::put);
        }

        event.set("requestContext", requestContext(request, context));

        byte[] body = request.body();
        if (body == null || body.length == 0) {
            event.put("isBase64Encoded", false);
        } else if (TextBodies.isText(contentType, body)) {
            event.put("body", new String(body, StandardCharsets.UTF_8));
            event.put("isBase64Encoded", false);
        } else {
            event.put("body", Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", true);
        }
        return event;
    }

    private static ObjectNode requestContext(UrlRequest request, UrlEventContext context) {
        ObjectNode rc = JSON.createObjectNode();
        rc.put("accountId", context.accountId());
        rc.put("apiId", context.urlId());
        rc.putNull("authentication");
        if (context.caller() != null) {
            rc.putObject("authorizer").set("iam", JSON.valueToTree(context.caller().iamAuthorizer()));
        }
        rc.put("domainName", UrlIds.domainName(context.urlId(), context.region()));
        rc.put("domainPrefix", context.urlId());
        ObjectNode http = rc.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", request.userAgent());
        rc.put("requestId", context.requestId());
        rc.put("routeKey", "$default");
        rc.put("stage", "$default");
        rc.put("time", TIME.format(context.time()));
        rc.put("timeEpoch", context.time().toEpochMilli());
        return rc;
    }

    /** Cookie header values split into single {@code name=value} pairs. */
    static List<String> splitCookies(String cookieHeader) {
        List<String> cookies = new ArrayList<>();
        for (String part : cookieHeader.split(";")) {
            String cookie = part.trim();
            if (!cookie.isEmpty()) {
                cookies.add(cookie);
            }
        }
        return cookies;
    }

    /** Decoded query parameters in order of first appearance; repeated keys comma-joined. */
    static Map<String, String> queryParameters(String rawQueryString) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQueryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.merge(key, value, (a, b) -> a + "," + b);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A stray '%' is the client's mistake, not a reason to refuse the request: keep it as sent.
            return s;
        }
    }
}
