package dev.overtime.platform.template;

import dev.overtime.platform.apigateway.ApiDefinition.ValidatorSpec;
import dev.overtime.platform.apigateway.ApiKind;
import dev.overtime.platform.template.TemplateValue.Mapping;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an OpenAPI 3.0 or Swagger 2.0 definition, intrinsics already resolved, into an API's routes, models,
 * validators and authorizers. Each {@code paths.{path}.{method}} ({@code x-amazon-apigateway-any-method} is
 * {@code ANY}) is a route; one without {@code x-amazon-apigateway-integration} is left out with a warning unless a
 * function event integrates it.
 */
final class OpenApiRoutesReader {

    private static final Map<String, String> METHODS = Map.of("get", "GET", "put", "PUT", "post", "POST",
            "delete", "DELETE", "options", "OPTIONS", "head", "HEAD", "patch", "PATCH",
            "x-amazon-apigateway-any-method", "ANY");
    private static final String VALIDATORS = "x-amazon-apigateway-request-validators";
    private static final String VALIDATOR = "x-amazon-apigateway-request-validator";
    private static final Map<String, String> NOT_SERVED = Map.of(
            "x-amazon-apigateway-binary-media-types", "binary media types are not served yet",
            "x-amazon-apigateway-gateway-responses", "custom gateway responses are not served yet",
            "x-amazon-apigateway-policy", "resource policies are not enforced");

    private final OpenApiIntegrationReader integrations;
    private final OpenApiSecurityReader security;

    OpenApiRoutesReader(LambdaUris lambdaUris) {
        this.integrations = new OpenApiIntegrationReader(lambdaUris);
        this.security = new OpenApiSecurityReader(lambdaUris);
    }

    /** Adds what the definition declares to the draft, whose stage variables are already known. */
    void read(Mapping definition, ApiDraft draft) {
        NOT_SERVED.forEach((extension, why) -> definition.get(extension)
                .ifPresent(value -> draft.warn(draft.logicalId + ": " + extension + ": " + why)));
        ApiValues.text(definition, "x-amazon-apigateway-api-key-source", "HEADER or AUTHORIZER")
                .filter(source -> source.equalsIgnoreCase("AUTHORIZER"))
                .ifPresent(source -> draft.warn(draft.logicalId + ": API keys from authorizers are not served yet; "
                        + "keys are read from the x-api-key header"));
        if (draft.kind == ApiKind.HTTP) {
            definition.get("x-amazon-apigateway-cors").ifPresent(cors -> draft.cors = ApiCorsReader.http(cors));
        }
        OpenApiModels models = OpenApiModels.read(definition, draft);
        validators(definition, draft);
        Map<String, OpenApiSecurityReader.Scheme> schemes = security.schemes(definition, draft);
        Optional<TemplateValue> apiSecurity = definition.get("security");
        ApiValues.mapping(definition, "paths", "a map of paths").ifPresent(paths -> paths.entries().forEach(
                (path, item) -> {
                    Mapping pathItem = ApiValues.mapping(item, "a map of methods");
                    pathItem.entries().forEach((key, operation) -> {
                        String method = METHODS.get(key.toLowerCase(Locale.ROOT));
                        if (method != null) {
                            route(draft, path, method, pathItem, ApiValues.mapping(operation, "an operation"), models,
                                    schemes, apiSecurity);
                        }
                    });
                }));
    }

    private void route(ApiDraft draft, String path, String method, Mapping pathItem, Mapping operation,
            OpenApiModels models, Map<String, OpenApiSecurityReader.Scheme> schemes,
            Optional<TemplateValue> apiSecurity) {
        ApiDraft.RouteDraft route = draft.route(method, path);
        operation.get(OpenApiIntegrationReader.EXTENSION)
                .ifPresent(extension -> integrations.read(extension, draft, route));
        operation.get(VALIDATOR).ifPresent(value -> route.validator = validatorName(value, draft));
        route.requestModels.putAll(models.bodyModels(operation, method, path));
        route.requiredParameters.addAll(models.requiredParameters(pathItem, operation));
        operation.get("security").or(() -> apiSecurity)
                .ifPresent(requirements -> security.apply(requirements, schemes, route));
        operation.get("x-amazon-apigateway-auth")
                .ifPresent(auth -> OpenApiSecurityReader.applyAuthType(auth, route));
    }

    private static void validators(Mapping definition, ApiDraft draft) {
        ApiValues.mapping(definition, VALIDATORS, "a map of request validators").ifPresent(validators ->
                validators.entries().forEach((name, written) -> {
                    Mapping validator = ApiValues.mapping(written, "a map with validateRequestBody and "
                            + "validateRequestParameters");
                    draft.validators.put(name, new ValidatorSpec(ApiValues.bool(validator, "validateRequestBody", false),
                            ApiValues.bool(validator, "validateRequestParameters", false)));
                }));
        definition.get(VALIDATOR).ifPresent(value -> draft.defaultValidator = validatorName(value, draft));
    }

    private static String validatorName(TemplateValue value, ApiDraft draft) {
        String name = PropertyValues.text(value, "the name of a request validator");
        if (!draft.validators.containsKey(name)) {
            throw TemplateProblem.at(value, "expected one of the request validators " + VALIDATORS + " declares "
                    + draft.validators.keySet() + ", found '" + name + "'");
        }
        return name;
    }
}
