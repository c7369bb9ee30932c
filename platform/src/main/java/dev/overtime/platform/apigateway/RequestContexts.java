package dev.overtime.platform.apigateway;

import dev.overtime.platform.apigateway.mapping.MappingContext;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code $context}, {@code $input} and {@code $stageVariables} a mapping template sees. */
final class RequestContexts {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private RequestContexts() {
    }

    /** For a request template: {@code $input} is the caller's request. */
    static MappingContext request(ApiDefinition api, RouteTable.Match match, ApiRequest request, RequestFacts facts) {
        return new MappingContext(new String(request.body(), java.nio.charset.StandardCharsets.UTF_8),
                match.pathParameters(), request.multiQuery(), request.multiHeaders(), api.stageVariables(),
                context(api, match, request, facts));
    }

    /** For a response template: {@code $input} is what the function returned. */
    static MappingContext response(ApiDefinition api, RouteTable.Match match, ApiRequest request, RequestFacts facts,
                                   byte[] payload) {
        return new MappingContext(new String(payload, java.nio.charset.StandardCharsets.UTF_8),
                match.pathParameters(), request.multiQuery(), request.multiHeaders(), api.stageVariables(),
                context(api, match, request, facts));
    }

    private static Map<String, Object> context(ApiDefinition api, RouteTable.Match match, ApiRequest request,
                                               RequestFacts facts) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("requestId", facts.requestId());
        c.put("extendedRequestId", facts.requestId());
        c.put("apiId", api.id());
        c.put("accountId", facts.accountId());
        c.put("stage", api.stage());
        c.put("httpMethod", request.method());
        c.put("resourcePath", match.route().path());
        c.put("resourceId", ApiIds.resourceId(api.id(), match.route().path()));
        c.put("path", api.stageInPath() ? "/" + api.stage() + request.path() : request.path());
        c.put("domainName", facts.domainName());
        c.put("domainPrefix", facts.domainPrefix());
        c.put("protocol", request.protocol());
        c.put("requestTime", TIME.format(facts.time()));
        c.put("requestTimeEpoch", facts.time().toEpochMilli());
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sourceIp", request.sourceIp());
        identity.put("userAgent", request.header("User-Agent"));
        identity.put("apiKey", request.header("x-api-key"));
        c.put("identity", identity);
        c.put("authorizer", facts.authorizer());
        return c;
    }

    /** The first value of a header in a multi-valued map, by case-insensitive name. */
    static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return h.getValue().getFirst();
            }
        }
        return null;
    }
}
