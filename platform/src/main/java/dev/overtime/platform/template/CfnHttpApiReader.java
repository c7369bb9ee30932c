package dev.overtime.platform.template;

import dev.overtime.platform.apigateway.ApiKind;
import dev.overtime.platform.apigateway.Integration;
import dev.overtime.platform.apigateway.Integration.IntegrationType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an {@code AWS::ApiGatewayV2::Api} into an HTTP API: one with a {@code Body} (OpenAPI), or made by quick create
 * ({@code Target}: a function ARN, optionally with a {@code RouteKey}, {@code $default} by default), which answers
 * with payload 2.0. Its stage is its first {@code AWS::ApiGatewayV2::Stage} ({@code StageName},
 * {@code StageVariables}), else {@code $default}. WebSocket APIs, APIs in S3 and APIs composed from
 * {@code AWS::ApiGatewayV2::Route} and {@code Integration} resources are not served yet.
 */
final class CfnHttpApiReader {

    private final ApiReading reading;

    CfnHttpApiReader(ApiReading reading) {
        this.reading = reading;
    }

    /** The API, or empty when it is not served (a warning says why). */
    Optional<ApiDraft> read(TemplateResource api) {
        String logicalId = api.logicalId();
        String protocol = reading.property(api, "ProtocolType").map(value -> PropertyValues.text(value, "HTTP or "
                + "WEBSOCKET")).orElse("HTTP");
        if (protocol.equals("WEBSOCKET")) {
            reading.warnings().add(logicalId + ": WebSocket APIs are not served yet");
            return Optional.empty();
        }
        Optional<ApiDefinitionSources.Definition> definition =
                reading.sources().read(api.properties(), logicalId, "Body", "BodyS3Location");
        if (definition.isEmpty()) {
            return Optional.empty();
        }
        Optional<TemplateValue> target = reading.property(api, "Target");
        if (!definition.get().declared() && target.isEmpty()) {
            reading.warnings().add(logicalId + ": " + CfnRestApiReader.COMPOSED);
            return Optional.empty();
        }
        ApiDraft draft = new ApiDraft(logicalId, ApiReferences.id(reading.ctx(), logicalId), ApiKind.HTTP);
        draft.name = reading.name(api);
        stage(api, draft, definition.get().declared());
        if (definition.get().declared()) {
            definition.get().read(body -> reading.openApi().read(body, draft));
        } else {
            quickCreate(api, target.get(), draft);
        }
        reading.property(api, "CorsConfiguration").ifPresent(value -> draft.cors = ApiCorsReader.http(value));
        return Optional.of(draft);
    }

    private void stage(TemplateResource api, ApiDraft draft, boolean hasBody) {
        for (TemplateResource stage : reading.resources().values()) {
            if (stage.type().equals(ResourceTypes.HTTP_STAGE) && stage.properties().get("ApiId")
                    .filter(id -> ApiReading.refersTo(id, api.logicalId())).isPresent()) {
                draft.stage = reading.property(stage, "StageName").map(value -> ApiValues.stageName(value, true))
                        .orElseThrow(() -> TemplateProblem.required(stage.properties(), "StageName", "a stage name"));
                reading.property(stage, "StageVariables").ifPresent(value -> draft.stageVariables.putAll(
                        ApiValues.stageVariables(value)));
                return;
            }
        }
        draft.stage = ApiReferences.DEFAULT_HTTP_STAGE;
        if (hasBody) {
            draft.warn(api.logicalId() + ": no AWS::ApiGatewayV2::Stage names it; served on stage '$default'");
        }
    }

    /** Quick create: one route to the target function, {@code $default} unless {@code RouteKey} says otherwise. */
    private void quickCreate(TemplateResource api, TemplateValue target, ApiDraft draft) {
        String routeKey = reading.property(api, "RouteKey")
                .map(value -> PropertyValues.text(value, "$default or a method and path such as 'GET /pets'"))
                .orElse("$default");
        List<String> parts = List.of(routeKey.trim().split("\\s+", 2));
        String method = parts.size() == 2 ? parts.get(0).toUpperCase(Locale.ROOT) : "ANY";
        String path = parts.size() == 2 ? parts.get(1) : parts.get(0);
        ApiDraft.RouteDraft route = draft.route(method, path);
        route.integrated = true;
        Optional<LambdaUris.Target> function = reading.lambdaUris().uri(target, Map.of());
        if (function.isEmpty()) {
            route.leftOutBecause = "Target does not invoke a template function; only Lambda targets are served";
            return;
        }
        route.integration = new Integration(IntegrationType.AWS_PROXY, function.get().functionName(),
                function.get().qualifier(), "2.0", Map.of(), Map.of(), null, List.of(), draft.defaultTimeout(), false);
    }
}
