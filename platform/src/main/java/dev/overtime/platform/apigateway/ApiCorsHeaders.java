package dev.overtime.platform.apigateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An API's CORS: preflights answered from its {@code Cors} settings, and (HTTP APIs) the headers on every answer. A
 * REST API's preflight is the 200 of the mock {@code OPTIONS} method SAM generates; its other answers carry only the
 * headers the integration sets, as on AWS, where a proxy function must return {@code Access-Control-Allow-Origin}
 * itself.
 */
final class ApiCorsHeaders {

    private final ApiCors cors;
    private final ApiKind kind;

    ApiCorsHeaders(ApiCors cors, ApiKind kind) {
        this.cors = cors;
        this.kind = kind;
    }

    boolean isPreflight(String method, String origin, String requestedMethod) {
        return cors != null && method.equals("OPTIONS") && origin != null && requestedMethod != null;
    }

    ApiResponse preflight(String origin) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String allowed = allowedOrigin(origin);
        if (allowed != null) {
            headers.add(Map.entry("Access-Control-Allow-Origin", allowed));
            if (!cors.allowMethods().isEmpty()) {
                headers.add(Map.entry("Access-Control-Allow-Methods", String.join(",", cors.allowMethods())));
            }
            if (!cors.allowHeaders().isEmpty()) {
                headers.add(Map.entry("Access-Control-Allow-Headers", String.join(",", cors.allowHeaders())));
            }
            if (cors.maxAge() != null) {
                headers.add(Map.entry("Access-Control-Max-Age", cors.maxAge().toString()));
            }
            if (cors.allowCredentials()) {
                headers.add(Map.entry("Access-Control-Allow-Credentials", "true"));
            }
        }
        return new ApiResponse(kind == ApiKind.REST ? 200 : 204, headers, new byte[0]);
    }

    ApiResponse decorate(ApiResponse answer, String origin) {
        String allowed = cors == null || kind == ApiKind.REST ? null : allowedOrigin(origin);
        if (allowed == null || answer.headers().stream()
                .anyMatch(h -> h.getKey().equalsIgnoreCase("Access-Control-Allow-Origin"))) {
            return answer;
        }
        ApiResponse decorated = answer.withHeader("Access-Control-Allow-Origin", allowed);
        if (!cors.exposeHeaders().isEmpty()) {
            decorated = decorated.withHeader("Access-Control-Expose-Headers", String.join(",", cors.exposeHeaders()));
        }
        return cors.allowCredentials() ? decorated.withHeader("Access-Control-Allow-Credentials", "true") : decorated;
    }

    private String allowedOrigin(String origin) {
        if (origin == null) {
            return null;
        }
        if (cors.allowOrigins().contains("*")) {
            return cors.allowCredentials() ? origin : "*";
        }
        return cors.allowOrigins().contains(origin) ? origin : null;
    }
}
