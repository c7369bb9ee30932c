package dev.overtime.platform.template;

import dev.overtime.platform.apigateway.ApiKind;
import java.util.List;
import java.util.Optional;

/**
 * Reads an {@code AWS::Serverless::Api} (or SAM's implicit {@code ServerlessRestApi}, whose properties are
 * {@code Globals.Api}) into a REST API: {@code StageName} (required; {@code Prod} for the implicit API),
 * {@code Name}, {@code Variables}, {@code Models}, {@code DefinitionBody} or {@code DefinitionUri}, {@code Cors} and
 * {@code Auth}. {@code BinaryMediaTypes} and {@code GatewayResponses} are not served yet; endpoint, tracing, method
 * and cache settings, domains, access logs and canaries make no difference locally and are ignored.
 */
final class SamApiReader {

    private static final List<String> NOT_SERVED = List.of("BinaryMediaTypes", "GatewayResponses");

    private final ApiReading reading;
    private final SamApiAuthReader auth;

    SamApiReader(ApiReading reading) {
        this.reading = reading;
        this.auth = new SamApiAuthReader(reading.lambdaUris());
    }

    /** The API, or empty when it is not served (a warning says why). */
    Optional<ApiDraft> read(TemplateResource api, boolean implicit) {
        String logicalId = api.logicalId();
        ApiDraft draft = new ApiDraft(logicalId, ApiReferences.id(reading.ctx(), logicalId), ApiKind.REST);
        draft.stage = reading.property(api, "StageName").map(value -> ApiValues.stageName(value, false))
                .orElseGet(() -> {
                    if (!implicit) {
                        throw TemplateProblem.required(api.properties(), "StageName", "a stage name such as Prod");
                    }
                    return ApiReferences.IMPLICIT_REST_STAGE;
                });
        draft.name = reading.name(api);
        reading.property(api, "Variables").ifPresent(value -> draft.stageVariables.putAll(
                ApiValues.stageVariables(value)));
        reading.property(api, "Models").ifPresent(value -> ApiValues.mapping(value, "a map of models").entries()
                .forEach((name, schema) -> draft.models.put(name, TemplateJson.of(schema))));
        Optional<ApiDefinitionSources.Definition> definition =
                reading.sources().read(api.properties(), logicalId, "DefinitionBody", "DefinitionUri");
        if (definition.isEmpty()) {
            return Optional.empty();
        }
        definition.get().read(body -> reading.openApi().read(body, draft));
        reading.property(api, "Cors").ifPresent(value -> draft.cors = ApiCorsReader.rest(value));
        reading.property(api, "Auth").ifPresent(value -> auth.rest(value, draft));
        NOT_SERVED.stream().filter(name -> api.properties().get(name).isPresent())
                .forEach(name -> draft.warn(logicalId + "." + name + ": not served yet"));
        return Optional.of(draft);
    }
}
