package dev.overtime.platform.apigateway;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One method on one path.
 *
 * @param method         {@code GET}, {@code POST}, ..., or {@code ANY}
 * @param path           the resource path: {@code /orders/{id}}, {@code /{proxy+}}; {@code $default} for an HTTP
 *                       API's catch-all route
 * @param integration    what the route runs
 * @param validator      the name of its request validator (the method's, else the API's), or null
 * @param requestModels  body models by content type ({@code application/json} to a model name)
 * @param requiredParameters required request parameters as {@code method.request.header.X},
 *                       {@code method.request.querystring.q} or {@code method.request.path.p}
 * @param authorizer     the name of its Lambda authorizer, or null; {@code AWS_IAM} for IAM auth
 * @param apiKeyRequired whether an {@code x-api-key} is required
 */
public record ApiRoute(String method, String path, Integration integration, String validator,
                       Map<String, String> requestModels, List<String> requiredParameters, String authorizer,
                       boolean apiKeyRequired) {

    public ApiRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(integration, "integration");
        requestModels = Map.copyOf(requestModels);
        requiredParameters = List.copyOf(requiredParameters);
    }

    /** The route key HTTP APIs put in events: {@code GET /orders/{id}}, or {@code $default}. */
    public String routeKey() {
        return path.equals("$default") ? "$default" : method + " " + path;
    }
}
