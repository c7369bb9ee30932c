package dev.overtime.platform.apigateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.url.TextBodies;

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
 * The events a proxy integration hands to its function: payload format 1.0 (REST APIs, and HTTP
 * APIs that ask for it) and 2.0 (HTTP APIs), with every field API Gateway fills.
 */
public final class ProxyEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** API Gateway's CLF-style time, e.g. {@code 04/Mar/2020:19:15:17 +0000}. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ProxyEvents() {
    }

    /** Payload format 1.0. */
    public static byte[] v1(ApiDefinition api, RouteTable.Match match, ApiRequest request, RequestFacts facts) {
        ObjectNode e = JSON.createObjectNode();
        boolean http = api.kind() == ApiKind.HTTP;
        if (http) {
            e.put("version", "1.0");
        }
        String resource = match.route().path().equals("$default") ? "$default" : match.route().path();
        e.put("resource", resource);
        e.put("path", request.path());
        e.put("httpMethod", request.method());
        Map<String, List<String>> headers = request.multiHeaders();
        ObjectNode single = e.putObject("headers");
        ObjectNode multi = e.putObject("multiValueHeaders");
        headers.forEach((name, values) -> {
            single.put(name, values.getLast());
            values.forEach(multi.putArray(name)::add);
        });
        Map<String, List<String>> query = request.multiQuery();
        if (query.isEmpty()) {
            e.putNull("queryStringParameters");
            e.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode q = e.putObject("queryStringParameters");
            ObjectNode mq = e.putObject("multiValueQueryStringParameters");
            query.forEach((name, values) -> {
                q.put(name, values.getLast());
                values.forEach(mq.putArray(name)::add);
            });
        }
        putMap(e, "pathParameters", match.pathParameters());
        putMap(e, "stageVariables", api.stageVariables());

        ObjectNode rc = e.putObject("requestContext");
        rc.put("accountId", facts.accountId());
        rc.put("apiId", api.id());
        rc.set("authorizer", facts.authorizer().isEmpty() ? null : JSON.valueToTree(facts.authorizer()));
        rc.put("domainName", facts.domainName());
        rc.put("domainPrefix", facts.domainPrefix());
        rc.put("extendedRequestId", facts.requestId());
        rc.put("httpMethod", request.method());
        ObjectNode identity = rc.putObject("identity");
        for (String field : List.of("accessKey", "accountId", "caller", "cognitoAuthenticationProvider",
                "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId",
                "user", "userArn", "apiKey", "apiKeyId", "clientCert")) {
            identity.putNull(field);
        }
        String apiKey = request.header("x-api-key");
        if (apiKey != null) {
            identity.put("apiKey", apiKey);
        }
        if (facts.caller() != null) {
            identity.put("accessKey", facts.caller().accessKey());
            identity.put("accountId", facts.caller().accountId());
            identity.put("caller", facts.caller().userId());
            identity.put("user", facts.caller().userId());
            identity.put("userArn", facts.caller().userArn());
        }
        identity.put("sourceIp", request.sourceIp());
        identity.put("userAgent", request.header("User-Agent"));
        rc.put("path", api.stageInPath() ? "/" + api.stage() + request.path() : request.path());
        rc.put("protocol", request.protocol());
        rc.put("requestId", facts.requestId());
        rc.put("requestTime", TIME.format(facts.time()));
        rc.put("requestTimeEpoch", facts.time().toEpochMilli());
        rc.put("resourceId", ApiIds.resourceId(api.id(), resource));
        rc.put("resourcePath", resource);
        rc.put("stage", api.stage());
        body(e, request);
        return bytes(e);
    }

    /** Payload format 2.0. */
    public static byte[] v2(ApiDefinition api, RouteTable.Match match, ApiRequest request, RequestFacts facts) {
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "2.0");
        e.put("routeKey", match.route().routeKey());
        String rawPath = api.stageInPath() ? "/" + api.stage() + request.path() : request.path();
        e.put("rawPath", rawPath);
        e.put("rawQueryString", request.query());
        List<String> cookies = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>();
        request.multiHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> {
                    for (String c : v.split(";")) {
                        if (!c.isBlank()) {
                            cookies.add(c.trim());
                        }
                    }
                });
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        if (!cookies.isEmpty()) {
            ArrayNode c = e.putArray("cookies");
            cookies.forEach(c::add);
        }
        ObjectNode h = e.putObject("headers");
        headers.forEach(h::put);
        Map<String, List<String>> query = request.multiQuery();
        if (!query.isEmpty()) {
            ObjectNode q = e.putObject("queryStringParameters");
            query.forEach((name, values) -> q.put(name, String.join(",", values)));
        }
        if (!match.pathParameters().isEmpty()) {
            ObjectNode p = e.putObject("pathParameters");
            match.pathParameters().forEach(p::put);
        }
        if (!api.stageVariables().isEmpty()) {
            ObjectNode s = e.putObject("stageVariables");
            api.stageVariables().forEach(s::put);
        }
        ObjectNode rc = e.putObject("requestContext");
        rc.put("accountId", facts.accountId());
        rc.put("apiId", api.id());
        if (!facts.authorizer().isEmpty()) {
            rc.putObject("authorizer").set("lambda", JSON.valueToTree(facts.authorizer()));
        } else if (facts.caller() != null) {
            rc.putObject("authorizer").set("iam", JSON.valueToTree(facts.caller().iamAuthorizer()));
        }
        rc.put("domainName", facts.domainName());
        rc.put("domainPrefix", facts.domainPrefix());
        ObjectNode httpContext = rc.putObject("http");
        httpContext.put("method", request.method());
        httpContext.put("path", rawPath);
        httpContext.put("protocol", request.protocol());
        httpContext.put("sourceIp", request.sourceIp());
        httpContext.put("userAgent", request.header("User-Agent") == null ? "" : request.header("User-Agent"));
        rc.put("requestId", facts.requestId());
        rc.put("routeKey", match.route().routeKey());
        rc.put("stage", api.stage());
        rc.put("time", TIME.format(facts.time()));
        rc.put("timeEpoch", facts.time().toEpochMilli());
        body(e, request);
        return bytes(e);
    }

    private static void body(ObjectNode e, ApiRequest request) {
        if (request.body().length == 0) {
            e.putNull("body");
            e.put("isBase64Encoded", false);
            return;
        }
        boolean text = TextBodies.isText(request.header("Content-Type"), request.body());
        e.put("body", text ? new String(request.body(), StandardCharsets.UTF_8)
                : Base64.getEncoder().encodeToString(request.body()));
        e.put("isBase64Encoded", !text);
    }

    private static void putMap(ObjectNode e, String field, Map<String, String> values) {
        if (values.isEmpty()) {
            e.putNull(field);
        } else {
            ObjectNode node = e.putObject(field);
            values.forEach(node::put);
        }
    }

    private static byte[] bytes(ObjectNode e) {
        try {
            return JSON.writeValueAsBytes(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a tree of strings always serialises", ex);
        }
    }
}
