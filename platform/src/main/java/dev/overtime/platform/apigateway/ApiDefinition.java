package dev.overtime.platform.apigateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One API as a template declares it, every intrinsic resolved.
 *
 * @param logicalId      the template's id, e.g. {@code ServerlessRestApi} for SAM's implicit REST API
 * @param id             the API id callers use in {@code {id}.execute-api.localhost}: ten lowercase letters and
 *                       digits, stable for a stack and logical id (as AWS's look)
 * @param name           the API's name ({@code Name}, else the stack name and logical id)
 * @param kind           REST or HTTP
 * @param stage          the stage name ({@code Prod}, {@code $default}, ...)
 * @param stageVariables {@code Variables} of the stage
 * @param routes         the routes, in definition order
 * @param models         JSON Schema models by name ({@code definitions} or {@code components.schemas})
 * @param validators     {@code x-amazon-apigateway-request-validators} by name
 * @param defaultValidator the API-level {@code x-amazon-apigateway-request-validator}, or null
 * @param cors           the CORS settings, or null
 * @param authorizers    Lambda authorizers by name
 * @param warnings       what the definition asks for that Overtime does not serve
 * @param apiKeys        the {@code x-api-key} values its {@code ApiKeyRequired} routes accept
 */
public record ApiDefinition(String logicalId, String id, String name, ApiKind kind, String stage,
                            Map<String, String> stageVariables, List<ApiRoute> routes, Map<String, JsonNode> models,
                            Map<String, ValidatorSpec> validators, String defaultValidator, ApiCors cors,
                            Map<String, LambdaAuthorizer> authorizers, List<String> warnings, List<String> apiKeys) {

    public ApiDefinition(String logicalId, String id, String name, ApiKind kind, String stage,
                         Map<String, String> stageVariables, List<ApiRoute> routes, Map<String, JsonNode> models,
                         Map<String, ValidatorSpec> validators, String defaultValidator, ApiCors cors,
                         Map<String, LambdaAuthorizer> authorizers, List<String> warnings) {
        this(logicalId, id, name, kind, stage, stageVariables, routes, models, validators, defaultValidator, cors,
                authorizers, warnings, List.of());
    }

    /** This API accepting {@code keys} on its routes that require one. */
    public ApiDefinition withApiKeys(List<String> keys) {
        return new ApiDefinition(logicalId, id, name, kind, stage, stageVariables, routes, models, validators,
                defaultValidator, cors, authorizers, warnings, keys);
    }

    /** Whether any route requires an API key. */
    public boolean requiresApiKeys() {
        return routes.stream().anyMatch(ApiRoute::apiKeyRequired);
    }

    /** {@code x-amazon-apigateway-request-validators} entry. */
    public record ValidatorSpec(boolean validateRequestBody, boolean validateRequestParameters) {
    }

    public ApiDefinition {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(stage, "stage");
        stageVariables = Map.copyOf(stageVariables);
        routes = List.copyOf(routes);
        models = Map.copyOf(models);
        validators = Map.copyOf(validators);
        authorizers = Map.copyOf(authorizers);
        warnings = List.copyOf(warnings);
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }

    /** Whether the stage appears in request paths: REST stages always, an HTTP API's {@code $default} never. */
    public boolean stageInPath() {
        return !stage.equals("$default");
    }
}
