package dev.overtime.platform.template;

import dev.overtime.platform.apigateway.ApiKind;
import java.util.Optional;

/**
 * Reads an {@code AWS::Serverless::HttpApi} (or SAM's implicit {@code ServerlessHttpApi}, whose properties are
 * {@code Globals.HttpApi}) into an HTTP API: {@code StageName} ({@code $default} by default), {@code Name},
 * {@code StageVariables}, {@code DefinitionBody} or {@code DefinitionUri}, {@code CorsConfiguration} (which wins over
 * the definition's {@code x-amazon-apigateway-cors}) and {@code Auth}. Route settings, domains, access logs and tags
 * are ignored.
 */
final class SamHttpApiReader {

    private final ApiReading reading;
    private final SamApiAuthReader auth;

    SamHttpApiReader(ApiReading reading) {
        this.reading = reading;
        this.auth = new SamApiAuthReader(reading.lambdaUris());
    }

    /** The API, or empty when it is not served (a warning says why). */
    Optional<ApiDraft> read(TemplateResource api) {
        String logicalId = api.logicalId();
        ApiDraft draft = new ApiDraft(logicalId, ApiReferences.id(reading.ctx(), logicalId), ApiKind.HTTP);
        draft.stage = reading.property(api, "StageName").map(value -> ApiValues.stageName(value, true))
                .orElse(ApiReferences.DEFAULT_HTTP_STAGE);
        draft.name = reading.name(api);
        reading.property(api, "StageVariables").ifPresent(value -> draft.stageVariables.putAll(
                ApiValues.stageVariables(value)));
        Optional<ApiDefinitionSources.Definition> definition =
                reading.sources().read(api.properties(), logicalId, "DefinitionBody", "DefinitionUri");
        if (definition.isEmpty()) {
            return Optional.empty();
        }
        definition.get().read(body -> reading.openApi().read(body, draft));
        reading.property(api, "CorsConfiguration").ifPresent(value -> draft.cors = ApiCorsReader.http(value));
        reading.property(api, "Auth").ifPresent(value -> auth.http(value, draft));
        return Optional.of(draft);
    }
}
