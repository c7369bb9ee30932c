package dev.overtime.platform.template;

import dev.overtime.platform.apigateway.ApiKind;
import dev.overtime.platform.template.TemplateValue.Mapping;
import java.util.Optional;

/**
 * Reads an {@code AWS::ApiGateway::RestApi} with a {@code Body} (inline OpenAPI or Swagger) into a REST API. Its
 * stage is the first {@code AWS::ApiGateway::Stage} of the API, else the {@code StageName} of one of its
 * {@code AWS::ApiGateway::Deployment}s, else {@code prod} with a warning. An API in S3 ({@code BodyS3Location}) or
 * composed from {@code AWS::ApiGateway::Resource} and {@code Method} resources is not served yet.
 */
final class CfnRestApiReader {

    static final String COMPOSED = "composed from separate resources: not served yet; give the API a Body (OpenAPI)";
    private static final String FALLBACK_STAGE = "prod";

    private final ApiReading reading;

    CfnRestApiReader(ApiReading reading) {
        this.reading = reading;
    }

    /** The API, or empty when it is not served (a warning says why). */
    Optional<ApiDraft> read(TemplateResource api) {
        String logicalId = api.logicalId();
        Optional<ApiDefinitionSources.Definition> definition =
                reading.sources().read(api.properties(), logicalId, "Body", "BodyS3Location");
        if (definition.isEmpty()) {
            return Optional.empty();
        }
        if (!definition.get().declared()) {
            reading.warnings().add(logicalId + ": " + COMPOSED);
            return Optional.empty();
        }
        ApiDraft draft = new ApiDraft(logicalId, ApiReferences.id(reading.ctx(), logicalId), ApiKind.REST);
        draft.name = reading.name(api);
        stage(api, draft);
        definition.get().read(body -> reading.openApi().read(body, draft));
        if (api.properties().get("BinaryMediaTypes").isPresent()) {
            draft.warn(logicalId + ".BinaryMediaTypes: not served yet");
        }
        return Optional.of(draft);
    }

    private void stage(TemplateResource api, ApiDraft draft) {
        for (TemplateResource stage : reading.resources().values()) {
            if (stage.type().equals(ResourceTypes.REST_STAGE) && refersToApi(stage, api)) {
                Mapping properties = stage.properties();
                draft.stage = reading.property(stage, "StageName").map(value -> ApiValues.stageName(value, false))
                        .orElseThrow(() -> TemplateProblem.required(properties, "StageName", "a stage name"));
                reading.property(stage, "Variables").ifPresent(value -> draft.stageVariables.putAll(
                        ApiValues.stageVariables(value)));
                return;
            }
        }
        for (TemplateResource deployment : reading.resources().values()) {
            Optional<TemplateValue> name = reading.property(deployment, "StageName");
            if (deployment.type().equals(ResourceTypes.REST_DEPLOYMENT) && refersToApi(deployment, api)
                    && name.isPresent()) {
                draft.stage = ApiValues.stageName(name.get(), false);
                reading.property(deployment, "StageDescription")
                        .flatMap(description -> ApiValues.mapping(description, "a stage description")
                                .get("Variables"))
                        .ifPresent(value -> draft.stageVariables.putAll(ApiValues.stageVariables(value)));
                return;
            }
        }
        draft.stage = FALLBACK_STAGE;
        draft.warn(api.logicalId() + ": no AWS::ApiGateway::Stage or Deployment gives it a StageName; served on stage '"
                + FALLBACK_STAGE + "'");
    }

    private static boolean refersToApi(TemplateResource part, TemplateResource api) {
        return part.properties().get("RestApiId").filter(id -> ApiReading.refersTo(id, api.logicalId())).isPresent();
    }
}
