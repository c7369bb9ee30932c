package dev.overtime.platform.apigateway;

import java.util.List;

/**
 * An API's CORS settings: SAM's {@code Cors} (REST: strings as API Gateway headers take them, e.g.
 * {@code "'*'"}, unquoted here) or an HTTP API's {@code CorsConfiguration}.
 */
public record ApiCors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                      List<String> exposeHeaders, Integer maxAge, boolean allowCredentials) {

    public ApiCors {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }
}
