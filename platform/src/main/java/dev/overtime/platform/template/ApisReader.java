package dev.overtime.platform.template;

import dev.overtime.platform.apigateway.ApiDefinition;
import dev.overtime.platform.template.TemplateValue.Mapping;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the API Gateway APIs a template declares, once its functions are known: SAM's {@code AWS::Serverless::Api}
 * and {@code AWS::Serverless::HttpApi}, CloudFormation's {@code AWS::ApiGateway::RestApi} and
 * {@code AWS::ApiGatewayV2::Api}, then the routes SAM function events add (creating SAM's implicit
 * {@code ServerlessRestApi} and {@code ServerlessHttpApi} on the way). APIs come in template order, implicit ones
 * last. Other API Gateway resources (keys, usage plans, domains...) are ignored with a warning, except the stages and
 * deployments that name an API's stage and the parts of an API that is not served, whose own warning covers them.
 */
final class ApisReader implements ApiEventsReader.Apis {

    private final ApiReading reading;
    private final Map<String, String> functionNames;
    private final Map<String, Mapping> implicitProperties;
    private final SamApiReader samApis;
    private final SamHttpApiReader samHttpApis;
    private final CfnRestApiReader restApis;
    private final CfnHttpApiReader httpApis;
    private final Map<String, ApiDraft> drafts = new LinkedHashMap<>();
    private final Set<String> leftOut = new HashSet<>();

    /**
     * @param templateFile   the template as the user named it; definition files are relative to it
     * @param functionNames  the name of each function by logical id
     * @param restGlobals    {@code Globals.Api}, the properties of the implicit REST API
     * @param httpGlobals    {@code Globals.HttpApi}, the properties of the implicit HTTP API
     * @param warnings       collects what the APIs ask for that Overtime does not serve
     */
    ApisReader(TemplateContext ctx, IntrinsicResolver resolver, Map<String, TemplateResource> resources,
            Path templateFile, Map<String, String> functionNames, DeclaredVersions declared, Mapping restGlobals,
            Mapping httpGlobals, List<String> warnings) {
        LambdaUris lambdaUris = new LambdaUris(Set.copyOf(functionNames.values()), declared);
        this.reading = new ApiReading(ctx, resolver, resources, new ApiDefinitionSources(templateFile, resolver,
                warnings), new OpenApiRoutesReader(lambdaUris), lambdaUris, warnings);
        this.functionNames = functionNames;
        this.implicitProperties = Map.of(ApiReferences.IMPLICIT_REST, restGlobals, ApiReferences.IMPLICIT_HTTP, httpGlobals);
        this.samApis = new SamApiReader(reading);
        this.samHttpApis = new SamHttpApiReader(reading);
        this.restApis = new CfnRestApiReader(reading);
        this.httpApis = new CfnHttpApiReader(reading);
    }

    /** The APIs Overtime serves, each with the routes of its definition and of function events. */
    List<ApiDefinition> read() {
        for (TemplateResource resource : reading.resources().values()) {
            if (ResourceTypes.isApi(resource.type())) {
                resource.definition().get("Condition").ifPresent(condition -> reading.warnings().add(
                        resource.logicalId() + ".Condition: not evaluated; the API is served"));
                add(resource, readApi(resource));
            }
        }
        ApiEventsReader events = new ApiEventsReader(reading.resolver(), this, reading.warnings());
        for (TemplateResource resource : reading.resources().values()) {
            if (resource.type().equals(ResourceTypes.SERVERLESS_FUNCTION)) {
                events.read(resource, functionNames.get(resource.logicalId()));
            }
        }
        warnAboutOtherResources();
        return drafts.values().stream().map(draft -> draft.build(reading.warnings())).toList();
    }

    @Override
    public Optional<ApiDraft> draft(String logicalId, String type, TemplateValue where) {
        TemplateResource resource = reading.resources().get(logicalId);
        if (resource == null && where == null && !drafts.containsKey(logicalId) && !leftOut.contains(logicalId)) {
            Mapping properties = implicitProperties.get(logicalId);
            TemplateResource implicit = new TemplateResource(logicalId, type, Mapping.empty(properties.line(),
                    properties.path()), properties);
            add(implicit, readApi(implicit));
        } else if (resource == null && where != null) {
            throw TemplateProblem.at(where, "expected !Ref to an " + type + " the template declares, found '"
                    + logicalId + "', which the template does not declare");
        } else if (resource != null && !resource.type().equals(type)) {
            throw TemplateProblem.at(where == null ? resource.definition() : where, "expected !Ref to an " + type
                    + ", found '" + logicalId + "' of type " + resource.type());
        }
        return Optional.ofNullable(drafts.get(logicalId));
    }

    private Optional<ApiDraft> readApi(TemplateResource api) {
        boolean implicit = !reading.resources().containsKey(api.logicalId());
        return switch (api.type()) {
            case ResourceTypes.SERVERLESS_API -> samApis.read(api, implicit);
            case ResourceTypes.SERVERLESS_HTTP_API -> samHttpApis.read(api);
            case ResourceTypes.REST_API -> restApis.read(api);
            case ResourceTypes.HTTP_API -> httpApis.read(api);
            default -> throw new IllegalArgumentException("not an API: " + api.type());
        };
    }

    private void add(TemplateResource api, Optional<ApiDraft> draft) {
        draft.ifPresentOrElse(d -> drafts.put(api.logicalId(), d), () -> leftOut.add(api.logicalId()));
    }

    private void warnAboutOtherResources() {
        for (TemplateResource resource : reading.resources().values()) {
            String type = resource.type();
            if (!ResourceTypes.isApiGateway(type) || ResourceTypes.isApi(type) || type.equals(ResourceTypes.REST_STAGE)
                    || type.equals(ResourceTypes.REST_DEPLOYMENT) || type.equals(ResourceTypes.HTTP_STAGE)
                    || type.equals(ApiKeysReader.API_KEY)) {
                continue;
            }
            Optional<String> api = resource.properties().get("RestApiId").or(() -> resource.properties().get("ApiId"))
                    .flatMap(ApiReading::logicalIdIn);
            if (api.isPresent() && leftOut.contains(api.get())) {
                continue;
            }
            reading.warnings().add(resource.logicalId() + ": " + type + " ignored"
                    + (api.isPresent() && drafts.containsKey(api.get())
                            ? "; Overtime reads the routes of " + api.get() + " from its definition" : ""));
        }
    }
}
