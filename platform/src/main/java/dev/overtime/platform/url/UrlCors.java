package dev.overtime.platform.url;

import dev.overtime.platform.function.FunctionUrlDefinition;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/** A Function URL's CORS settings applied as AWS applies them: preflight answers and response headers. */
final class UrlCors {
    private final FunctionUrlDefinition.Cors cors;

    UrlCors(FunctionUrlDefinition.Cors cors) {
        this.cors = cors;
    }

    boolean isPreflight(Request request) {
        return cors != null && request.getMethod().equals("OPTIONS")
                && request.getHeaders().get("Origin") != null
                && request.getHeaders().get("Access-Control-Request-Method") != null;
    }

    void preflight(Request request, Response response) {
        decorate(request, response);
        if (!cors.allowMethods().isEmpty()) {
            response.getHeaders().put("Access-Control-Allow-Methods", String.join(",", cors.allowMethods()));
        }
        if (!cors.allowHeaders().isEmpty()) {
            response.getHeaders().put("Access-Control-Allow-Headers", String.join(",", cors.allowHeaders()));
        }
        if (cors.maxAge() != null) {
            response.getHeaders().put("Access-Control-Max-Age", cors.maxAge().toString());
        }
    }

    /** Adds the headers every response to an allowed origin carries. */
    void decorate(Request request, Response response) {
        String origin = request.getHeaders().get("Origin");
        if (cors == null || origin == null) {
            return;
        }
        boolean any = cors.allowOrigins().contains("*");
        if (!any && !cors.allowOrigins().contains(origin)) {
            return;
        }
        response.getHeaders().put("Access-Control-Allow-Origin", any && !cors.allowCredentials() ? "*" : origin);
        if (cors.allowCredentials()) {
            response.getHeaders().put("Access-Control-Allow-Credentials", "true");
        }
        if (!cors.exposeHeaders().isEmpty()) {
            response.getHeaders().put("Access-Control-Expose-Headers", String.join(",", cors.exposeHeaders()));
        }
        response.getHeaders().add("Vary", "Origin");
    }
}
