package dev.overtime.platform.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overtime.platform.apigateway.ApiCors;
import dev.overtime.platform.apigateway.ApiDefinition;
import dev.overtime.platform.apigateway.ApiDefinition.ValidatorSpec;
import dev.overtime.platform.apigateway.ApiKind;
import dev.overtime.platform.apigateway.ApiRoute;
import dev.overtime.platform.apigateway.Integration;
import dev.overtime.platform.apigateway.LambdaAuthorizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API while its readers fill it in: first its definition (OpenAPI or SAM properties), then the routes function
 * events add, then {@link #build} settles each route's authorizer, API key and validator from the API's defaults.
 */
final class ApiDraft {

    /** What a route's authorizer is when it has none, although the API has a default one. */
    static final String NONE = "NONE";
    /** The authorizer of routes that ask for IAM (SigV4) authentication. */
    static final String AWS_IAM = "AWS_IAM";

    final String logicalId;
    final String id;
    final ApiKind kind;
    String name;
    String stage;
    final Map<String, String> stageVariables = new LinkedHashMap<>();
    final Map<String, JsonNode> models = new LinkedHashMap<>();
    final Map<String, ValidatorSpec> validators = new LinkedHashMap<>();
    String defaultValidator;
    ApiCors cors;
    final Map<String, LambdaAuthorizer> authorizers = new LinkedHashMap<>();
    /** Authorizers the API declares that Overtime does not serve (JWT, Cognito), to why; their routes are left out. */
    final Map<String, String> unservedAuthorizers = new LinkedHashMap<>();
    /** SAM's {@code Auth.DefaultAuthorizer}, for routes that name none; null when there is none. */
    String defaultAuthorizer;
    /** SAM's {@code Auth.ApiKeyRequired}, for routes that do not say. */
    boolean apiKeyRequired;
    private final Map<String, RouteDraft> routes = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    ApiDraft(String logicalId, String id, ApiKind kind) {
        this.logicalId = logicalId;
        this.id = id;
        this.kind = kind;
    }

    /** One method on one path, as its definition and events give it. */
    static final class RouteDraft {
        final String method;
        final String path;
        /** What runs, or null while nothing does. */
        Integration integration;
        /** Whether the definition declares an integration, served or not: a function event may not add another. */
        boolean integrated;
        /** Why the declared integration is not served, or null. */
        String leftOutBecause;
        String validator;
        final Map<String, String> requestModels = new LinkedHashMap<>();
        final List<String> requiredParameters = new ArrayList<>();
        /** The authorizer the route names ({@link #NONE} for none), or null for the API's default. */
        String authorizer;
        /** Whether an API key is required, or null for the API's default. */
        Boolean apiKeyRequired;

        private RouteDraft(String method, String path) {
            this.method = method;
            this.path = path;
        }

        String key() {
            return path.equals("$default") ? "$default" : method + " " + path;
        }
    }

    /** The route for the method and path, added (in definition order) if the API has none yet. */
    RouteDraft route(String method, String path) {
        return routes.computeIfAbsent(method + " " + path, key -> new RouteDraft(method, path));
    }

    /** Notes what the API asks for that Overtime does not serve. */
    void warn(String warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
    }

    /** The default integration timeout: 29 s for REST APIs, 30 s for HTTP APIs. */
    Duration defaultTimeout() {
        return kind == ApiKind.REST ? Integration.DEFAULT_TIMEOUT : Duration.ofSeconds(30);
    }

    /** Whether a route may name the authorizer: one the API declares, or {@link #NONE} or {@link #AWS_IAM}. */
    boolean knowsAuthorizer(String authorizer) {
        return authorizer.equals(NONE) || authorizer.equals(AWS_IAM) || authorizers.containsKey(authorizer)
                || unservedAuthorizers.containsKey(authorizer);
    }

    /** The API with every route settled; its warnings are added to the template's too. */
    ApiDefinition build(List<String> templateWarnings) {
        List<ApiRoute> served = new ArrayList<>();
        boolean iam = false;
        for (RouteDraft route : routes.values()) {
            if (route.integration == null) {
                warn(logicalId + ": " + route.key() + ": " + (route.leftOutBecause != null ? route.leftOutBecause
                        : "no x-amazon-apigateway-integration") + "; the route is left out");
                continue;
            }
            String authorizer = route.authorizer != null ? route.authorizer : defaultAuthorizer;
            if (NONE.equals(authorizer)) {
                authorizer = null;
            }
            if (authorizer != null && unservedAuthorizers.containsKey(authorizer)) {
                warn(logicalId + ": " + route.key() + ": authorizer '" + authorizer + "' is not served ("
                        + unservedAuthorizers.get(authorizer) + "); the route is left out");
                continue;
            }
            iam |= AWS_IAM.equals(authorizer);
            boolean apiKey = route.apiKeyRequired != null ? route.apiKeyRequired : apiKeyRequired;
            String validator = route.validator != null ? route.validator : defaultValidator;
            served.add(new ApiRoute(route.method, route.path, route.integration, validator, route.requestModels,
                    route.requiredParameters, authorizer, apiKey));
        }
        if (iam) {
            warn(logicalId + ": AWS_IAM routes check SigV4 and IAM policies under serve --auth iam; "
                    + "without it they are served open");
        }
        warnings.forEach(warning -> {
            if (!templateWarnings.contains(warning)) {
                templateWarnings.add(warning);
            }
        });
        return new ApiDefinition(logicalId, id, name, kind, stage, stageVariables, served, models, validators,
                defaultValidator, cors, authorizers, warnings);
    }
}
