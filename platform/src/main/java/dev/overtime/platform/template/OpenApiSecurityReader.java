package dev.overtime.platform.template;

import dev.overtime.platform.apigateway.ApiKind;
import dev.overtime.platform.apigateway.LambdaAuthorizer;
import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Sequence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an OpenAPI definition's security: the schemes ({@code securityDefinitions} in Swagger 2,
 * {@code components.securitySchemes} in OpenAPI 3) and the {@code security} requirements of the API and its methods.
 * <ul>
 *   <li>{@code x-amazon-apigateway-authorizer} of type {@code token} or {@code request} is a Lambda authorizer;
 *       {@code jwt} and {@code cognito_user_pools} are not served, and routes that need them are left out;</li>
 *   <li>an {@code apiKey} scheme named {@code x-api-key} ({@code api_key} in AWS's examples) requires an API key;</li>
 *   <li>{@code x-amazon-apigateway-authtype: awsSigv4} (AWS's {@code sigv4} scheme) and a method's
 *       {@code x-amazon-apigateway-auth: {type: AWS_IAM}} ask for IAM authentication;</li>
 *   <li>any other scheme is ignored, as API Gateway ignores it.</li>
 * </ul>
 */
final class OpenApiSecurityReader {

    static final String AUTHORIZER_EXTENSION = "x-amazon-apigateway-authorizer";

    private static final int MAX_TTL_SECONDS = 3600;
    private static final int DEFAULT_REST_TTL_SECONDS = 300;

    /** What a security scheme does to the routes that name it. */
    enum Scheme { LAMBDA, API_KEY, IAM, UNSERVED, IGNORED }

    private final LambdaUris lambdaUris;

    OpenApiSecurityReader(LambdaUris lambdaUris) {
        this.lambdaUris = lambdaUris;
    }

    /** Reads the definition's security schemes, adding its Lambda authorizers to the draft. */
    Map<String, Scheme> schemes(Mapping definition, ApiDraft draft) {
        Map<String, Scheme> schemes = new LinkedHashMap<>();
        Optional<Mapping> swagger = ApiValues.mapping(definition, "securityDefinitions", "a map of security schemes");
        Optional<Mapping> openApi = ApiValues.mapping(definition, "components", "a map of components")
                .flatMap(components -> ApiValues.mapping(components, "securitySchemes", "a map of security schemes"));
        for (Optional<Mapping> section : List.of(swagger, openApi)) {
            section.ifPresent(mapping -> mapping.entries().forEach((name, written) ->
                    schemes.put(name, scheme(name, ApiValues.mapping(written, "a security scheme"), draft))));
        }
        return schemes;
    }

    /**
     * Applies a {@code security} list (a method's, else the API's) to the route: the first authorizer it names and
     * whether it asks for an API key. An empty list means no authorizer, whatever the API's default.
     */
    void apply(TemplateValue security, Map<String, Scheme> schemes, ApiDraft.RouteDraft route) {
        if (!(security instanceof Sequence requirements)) {
            throw TemplateProblem.expected(security, "a list of security requirements such as [{MyAuthorizer: []}]");
        }
        route.authorizer = ApiDraft.NONE;
        route.apiKeyRequired = false;
        for (TemplateValue written : requirements.items()) {
            Mapping requirement = ApiValues.mapping(written, "a map of security scheme names to scopes");
            for (String name : requirement.entries().keySet()) {
                Scheme scheme = schemes.get(name);
                if (scheme == null) {
                    throw TemplateProblem.at(requirement, "expected a security scheme the definition declares, found '"
                            + name + "'");
                }
                switch (scheme) {
                    case LAMBDA, UNSERVED -> route.authorizer = route.authorizer.equals(ApiDraft.NONE) ? name
                            : route.authorizer;
                    case IAM -> route.authorizer = ApiDraft.AWS_IAM;
                    case API_KEY -> route.apiKeyRequired = true;
                    case IGNORED -> { }
                }
            }
        }
    }

    /** A method's {@code x-amazon-apigateway-auth}: {@code AWS_IAM} or {@code NONE}. */
    static void applyAuthType(TemplateValue written, ApiDraft.RouteDraft route) {
        Mapping auth = ApiValues.mapping(written, "a map with type AWS_IAM or NONE");
        TemplateValue type = auth.get("type")
                .orElseThrow(() -> TemplateProblem.required(auth, "type", "AWS_IAM or NONE"));
        switch (PropertyValues.text(type, "AWS_IAM or NONE").toUpperCase(Locale.ROOT)) {
            case "AWS_IAM" -> route.authorizer = ApiDraft.AWS_IAM;
            case "NONE" -> route.authorizer = route.authorizer == null ? ApiDraft.NONE : route.authorizer;
            default -> throw TemplateProblem.expected(type, "AWS_IAM or NONE");
        }
    }

    private Scheme scheme(String name, Mapping scheme, ApiDraft draft) {
        Optional<Mapping> authorizer = ApiValues.mapping(scheme, AUTHORIZER_EXTENSION, "a map with type");
        if (authorizer.isPresent()) {
            Mapping extension = authorizer.get();
            String expected = "token, request, jwt or cognito_user_pools";
            TemplateValue type = extension.get("type")
                    .orElseThrow(() -> TemplateProblem.required(extension, "type", expected));
            return switch (PropertyValues.text(type, expected).toLowerCase(Locale.ROOT)) {
                case "token", "request" -> {
                    draft.authorizers.put(name, lambda(name, scheme, extension, type, draft));
                    yield Scheme.LAMBDA;
                }
                case "jwt" -> unserved(name, "JWT authorizers are not served yet", draft);
                case "cognito_user_pools" -> unserved(name, "Cognito user pool authorizers are not served yet", draft);
                default -> throw TemplateProblem.expected(type, expected);
            };
        }
        String authType = ApiValues.text(scheme, "x-amazon-apigateway-authtype", "an auth type").orElse("");
        if (authType.equalsIgnoreCase("awsSigv4")) {
            return Scheme.IAM;
        }
        String type = ApiValues.text(scheme, "type", "a scheme type").orElse("");
        String keyName = ApiValues.text(scheme, "name", "a header name").orElse("");
        if (type.equals("apiKey") && keyName.equalsIgnoreCase("x-api-key")) {
            return Scheme.API_KEY;
        }
        draft.warn(draft.logicalId + ": security scheme '" + name + "' is not an API Gateway authorizer; ignored");
        return Scheme.IGNORED;
    }

    private static Scheme unserved(String name, String why, ApiDraft draft) {
        draft.unservedAuthorizers.put(name, why);
        return Scheme.UNSERVED;
    }

    private LambdaAuthorizer lambda(String name, Mapping scheme, Mapping extension, TemplateValue typeValue,
            ApiDraft draft) {
        String type = PropertyValues.text(typeValue, "token or request").toUpperCase(Locale.ROOT);
        TemplateValue uri = extension.get("authorizerUri").orElseThrow(() -> TemplateProblem.required(extension,
                "authorizerUri", "the uri of a Lambda function the template defines"));
        LambdaUris.Target target = lambdaUris.uri(uri, draft.stageVariables).orElseThrow(() ->
                TemplateProblem.expected(uri, "the uri of a Lambda function the template defines"));
        warnAboutQualifier(draft, name, target);
        boolean http = draft.kind == ApiKind.HTTP;
        List<String> sources = extension.get("identitySource").map(OpenApiSecurityReader::identitySources)
                .orElseGet(() -> defaultIdentitySource(scheme, type));
        long ttl = extension.get("authorizerResultTtlInSeconds")
                .map(value -> PropertyValues.integer(value, 0, MAX_TTL_SECONDS, "an integer from 0 to 3600 (seconds)"))
                .orElse(http ? 0L : DEFAULT_REST_TTL_SECONDS);
        String payload = http ? ApiValues.text(extension, "authorizerPayloadFormatVersion", "'1.0' or '2.0'")
                .orElse("2.0") : null;
        String validation = !http && type.equals("TOKEN") ? extension.get("identityValidationExpression")
                .map(ApiValues::regularExpression).orElse(null) : null;
        return new LambdaAuthorizer(name, http ? "REQUEST" : type, target.functionName(), sources,
                Duration.ofSeconds(ttl), ApiValues.bool(extension, "enableSimpleResponses", false), payload,
                validation);
    }

    /** The authorizer function always runs unqualified: {@link LambdaAuthorizer} has no qualifier yet. */
    static void warnAboutQualifier(ApiDraft draft, String authorizer, LambdaUris.Target target) {
        if (target.qualifier() != null) {
            draft.warn(draft.logicalId + ": authorizer '" + authorizer + "' names " + target.functionName() + ":"
                    + target.qualifier() + "; Overtime invokes $LATEST of " + target.functionName()
                    + " for authorizers");
        }
    }

    /** {@code identitySource}: a comma-separated text (REST) or a list (HTTP). */
    private static List<String> identitySources(TemplateValue written) {
        List<String> sources = new ArrayList<>();
        for (String text : ApiValues.texts(written, "identity sources")) {
            for (String source : text.split(",")) {
                if (!source.isBlank()) {
                    sources.add(source.trim());
                }
            }
        }
        return sources;
    }

    /** A TOKEN authorizer reads the header its scheme names ({@code in: header, name: Authorization}). */
    private static List<String> defaultIdentitySource(Mapping scheme, String type) {
        Optional<String> header = ApiValues.text(scheme, "name", "a header name");
        boolean inHeader = ApiValues.text(scheme, "in", "header").orElse("header").equals("header");
        return type.equals("TOKEN") && header.isPresent() && inHeader
                ? List.of("method.request.header." + header.get()) : List.of();
    }
}
