package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Intrinsic;
import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Scalar;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ids API Gateway would give a template's APIs, and what references to API Gateway resources stand for.
 * An id is ten lowercase letters and digits, like AWS's, hashed from the stack name and the logical id, so it stays
 * the same from one load to the next and callers can keep {@code {id}.execute-api.localhost} in their settings.
 *
 * <ul>
 *   <li>{@code !Ref} to an API ({@code AWS::Serverless::Api}, {@code AWS::Serverless::HttpApi},
 *       {@code AWS::ApiGateway::RestApi}, {@code AWS::ApiGatewayV2::Api}, and SAM's implicit
 *       {@value #IMPLICIT_REST} and {@value #IMPLICIT_HTTP}) gives its id;</li>
 *   <li>{@code !Ref} to a stage gives its {@code StageName}, as does SAM's {@code !Ref MyApi.Stage};</li>
 *   <li>{@code !Ref} to any other API Gateway resource (a deployment, a resource, an authorizer...) gives an id of the
 *       same form;</li>
 *   <li>{@code !GetAtt Api.RootResourceId} (REST) gives another stable id; {@code !GetAtt Api.ApiId} (HTTP) the id;
 *       {@code !GetAtt Api.ApiEndpoint} (HTTP) gives {@code http://{id}.execute-api.localhost}, without a port, since
 *       the platform's port is not known when the template is loaded.</li>
 * </ul>
 */
final class ApiReferences {

    static final String IMPLICIT_REST = "ServerlessRestApi";
    static final String IMPLICIT_HTTP = "ServerlessHttpApi";
    static final String IMPLICIT_REST_STAGE = "Prod";
    static final String DEFAULT_HTTP_STAGE = "$default";


    private final TemplateContext ctx;
    private final Map<String, TemplateResource> resources;
    private final IntrinsicResolver resolver;
    /** SAM's implicit APIs that the template's function events create, by logical id, to their type. */
    private final Map<String, String> implicitApis;

    ApiReferences(TemplateContext ctx, Map<String, TemplateResource> resources, IntrinsicResolver resolver) {
        this.ctx = ctx;
        this.resources = resources;
        this.resolver = resolver;
        this.implicitApis = implicitApis(resources);
    }

    /** The id of the API (or other API Gateway resource) with this logical id in the stack. */
    static String id(TemplateContext ctx, String logicalId) {
        return hash(ctx.stackName() + "/" + logicalId);
    }

    /** {@code !GetAtt Api.RootResourceId}: the id of the REST API's {@code /} resource. */
    static String rootResourceId(TemplateContext ctx, String logicalId) {
        return hash(ctx.stackName() + "/" + logicalId + "/");
    }

    /** {@code !GetAtt Api.ApiEndpoint}: where the platform answers for the API, its port left out. */
    static String endpoint(String apiId) {
        return "http://" + apiId + ".execute-api.localhost";
    }

    /**
     * The implicit APIs SAM creates: {@value #IMPLICIT_REST} for {@code Api} events without {@code RestApiId},
     * {@value #IMPLICIT_HTTP} for {@code HttpApi} events without {@code ApiId}.
     */
    static Map<String, String> implicitApis(Map<String, TemplateResource> resources) {
        Map<String, String> implicit = new LinkedHashMap<>();
        for (TemplateResource resource : resources.values()) {
            if (!resource.type().equals(ResourceTypes.SERVERLESS_FUNCTION)
                    || !(resource.properties().get("Events").orElse(null) instanceof Mapping events)) {
                continue;
            }
            for (TemplateValue event : events.entries().values()) {
                if (!(event instanceof Mapping eventMap) || !(eventMap.get("Type").orElse(null) instanceof Scalar type)) {
                    continue;
                }
                Mapping properties = eventMap.get("Properties").orElse(null) instanceof Mapping p ? p
                        : Mapping.empty(eventMap.line(), eventMap.childPath("Properties"));
                if (type.text().equals("Api") && properties.get("RestApiId").isEmpty()) {
                    implicit.putIfAbsent(IMPLICIT_REST, ResourceTypes.SERVERLESS_API);
                } else if (type.text().equals("HttpApi") && properties.get("ApiId").isEmpty()) {
                    implicit.putIfAbsent(IMPLICIT_HTTP, ResourceTypes.SERVERLESS_HTTP_API);
                }
            }
        }
        return implicit;
    }

    /**
     * What {@code Ref name} stands for when the name is an API Gateway resource, an implicit API or SAM's
     * {@code Api.Stage}; empty for any other name.
     */
    Optional<String> ref(Intrinsic where, String name) {
        Optional<String> type = typeOf(name);
        if (type.isPresent()) {
            return Optional.of(type.get().equals(ResourceTypes.REST_STAGE) || type.get().equals(ResourceTypes.HTTP_STAGE)
                    ? stageName(where, resources.get(name))
                    : id(ctx, name));
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0 && name.endsWith(".Stage")) {
            return typeOf(name.substring(0, dot))
                    .filter(t -> t.equals(ResourceTypes.SERVERLESS_API) || t.equals(ResourceTypes.SERVERLESS_HTTP_API))
                    .map(t -> samStage(where, name.substring(0, dot), t));
        }
        return Optional.empty();
    }

    /** What {@code !GetAtt logicalId.attribute} stands for when the id names an API; empty for any other id. */
    Optional<String> attribute(Intrinsic where, String logicalId, String attribute) {
        Optional<String> type = typeOf(logicalId).filter(ResourceTypes::isApi);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        boolean rest = ResourceTypes.isRestApi(type.get());
        String result = switch (attribute) {
            case "RootResourceId" -> rest ? rootResourceId(ctx, logicalId) : null;
            case "ApiId", "RestApiId" -> id(ctx, logicalId);
            case "ApiEndpoint" -> rest ? null : endpoint(id(ctx, logicalId));
            case "Stage" -> type.get().startsWith("AWS::Serverless::") ? samStage(where, logicalId, type.get()) : null;
            default -> null;
        };
        if (result == null) {
            throw TemplateProblem.at(where, "expected " + (rest ? "the RootResourceId" : "the ApiEndpoint or ApiId")
                    + " attribute of API '" + logicalId + "', found '" + attribute
                    + "', which Overtime does not resolve");
        }
        return Optional.of(result);
    }

    /** The type of the API Gateway resource or implicit API with this logical id. */
    private Optional<String> typeOf(String logicalId) {
        TemplateResource resource = resources.get(logicalId);
        if (resource != null) {
            return Optional.of(resource.type()).filter(ResourceTypes::isApiGateway);
        }
        return Optional.ofNullable(implicitApis.get(logicalId));
    }

    private String samStage(Intrinsic where, String logicalId, String type) {
        TemplateResource api = resources.get(logicalId);
        String fallback = type.equals(ResourceTypes.SERVERLESS_API) ? IMPLICIT_REST_STAGE : DEFAULT_HTTP_STAGE;
        if (api == null) {
            return fallback;
        }
        return api.properties().get("StageName").flatMap(resolver::resolve)
                .map(value -> PropertyValues.text(value, "a stage name"))
                .orElse(fallback);
    }

    private String stageName(Intrinsic where, TemplateResource stage) {
        TemplateValue value = stage.properties().get("StageName").flatMap(resolver::resolve)
                .orElseThrow(() -> TemplateProblem.at(where, "expected stage '" + stage.logicalId()
                        + "' to have a StageName, found none"));
        return PropertyValues.text(value, "a stage name");
    }

    private static String hash(String text) {
        return dev.overtime.platform.apigateway.ApiIds.of(text);
    }
}
