package dev.overtime.platform.template;

import dev.overtime.platform.apigateway.LambdaAuthorizer;
import dev.overtime.platform.template.TemplateValue.Mapping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads SAM's {@code Auth} of an {@code AWS::Serverless::Api} or {@code AWS::Serverless::HttpApi}: Lambda authorizers
 * ({@code FunctionArn}), the default authorizer and (REST) whether API keys are required. Cognito (REST) and JWT
 * (HTTP) authorizers are not served: routes that need them are left out. A result is cached for
 * {@code Identity.ReauthorizeEvery} seconds (300 by default), and not at all when the authorizer has no identity
 * sources.
 */
final class SamApiAuthReader {

    private static final int DEFAULT_TTL_SECONDS = 300;
    private static final int MAX_TTL_SECONDS = 3600;
    private static final String AUTHORIZER_EXPECTED = "a map with FunctionArn";

    private final LambdaUris lambdaUris;

    SamApiAuthReader(LambdaUris lambdaUris) {
        this.lambdaUris = lambdaUris;
    }

    /** The {@code Auth} of a REST API. */
    void rest(TemplateValue value, ApiDraft draft) {
        Mapping auth = ApiValues.mapping(value, "a map with Authorizers and DefaultAuthorizer");
        authorizers(auth, draft, (name, authorizer) -> {
            if (authorizer.get("UserPoolArn").isPresent()) {
                draft.unservedAuthorizers.put(name, "Cognito user pool authorizers are not served yet");
                return;
            }
            String expected = "TOKEN or REQUEST";
            Optional<TemplateValue> payloadType = authorizer.get("FunctionPayloadType");
            String type = payloadType.map(v -> PropertyValues.text(v, expected)).orElse("TOKEN");
            if (!type.equals("TOKEN") && !type.equals("REQUEST")) {
                throw TemplateProblem.expected(payloadType.orElseThrow(), expected);
            }
            Mapping identity = identity(authorizer);
            List<String> sources = new ArrayList<>();
            if (type.equals("TOKEN")) {
                sources.add("method.request.header."
                        + ApiValues.text(identity, "Header", "a header name").orElse("Authorization"));
            } else {
                sources.addAll(prefixed(identity, "Headers", "method.request.header."));
                sources.addAll(prefixed(identity, "QueryStrings", "method.request.querystring."));
                sources.addAll(prefixed(identity, "StageVariables", "stageVariables."));
                sources.addAll(prefixed(identity, "Context", "context."));
            }
            String validation = type.equals("TOKEN") ? identity.get("ValidationExpression")
                    .map(ApiValues::regularExpression).orElse(null) : null;
            draft.authorizers.put(name, new LambdaAuthorizer(name, type, function(name, authorizer, draft), sources,
                    ttl(identity, sources), false, null, validation));
        });
        if (auth.get("ResourcePolicy").isPresent()) {
            draft.warn(draft.logicalId + ".Auth.ResourcePolicy: resource policies are not enforced");
        }
        draft.apiKeyRequired = ApiValues.bool(auth, "ApiKeyRequired", false);
        defaultAuthorizer(auth, draft);
    }

    /** The {@code Auth} of an HTTP API. */
    void http(TemplateValue value, ApiDraft draft) {
        Mapping auth = ApiValues.mapping(value, "a map with Authorizers and DefaultAuthorizer");
        authorizers(auth, draft, (name, authorizer) -> {
            if (authorizer.get("JwtConfiguration").isPresent()) {
                draft.unservedAuthorizers.put(name, "JWT authorizers are not served yet");
                return;
            }
            String expected = "'1.0' or '2.0'";
            TemplateValue version = authorizer.get("AuthorizerPayloadFormatVersion").orElseThrow(() ->
                    TemplateProblem.required(authorizer, "AuthorizerPayloadFormatVersion", expected));
            String payload = PropertyValues.text(version, expected);
            if (!payload.equals("1.0") && !payload.equals("2.0")) {
                throw TemplateProblem.expected(version, expected);
            }
            Mapping identity = identity(authorizer);
            List<String> sources = new ArrayList<>();
            sources.addAll(prefixed(identity, "Headers", "$request.header."));
            sources.addAll(prefixed(identity, "QueryStrings", "$request.querystring."));
            sources.addAll(prefixed(identity, "StageVariables", "$stageVariables."));
            sources.addAll(prefixed(identity, "Context", "$context."));
            draft.authorizers.put(name, new LambdaAuthorizer(name, "REQUEST", function(name, authorizer, draft),
                    sources, ttl(identity, sources), ApiValues.bool(authorizer, "EnableSimpleResponses", false),
                    payload));
        });
        defaultAuthorizer(auth, draft);
    }

    private interface AuthorizerReader {
        void read(String name, Mapping authorizer);
    }

    private static void authorizers(Mapping auth, ApiDraft draft, AuthorizerReader reader) {
        ApiValues.mapping(auth, "Authorizers", "a map of authorizers").ifPresent(authorizers ->
                authorizers.entries().forEach((name, written) -> {
                    Mapping authorizer = ApiValues.mapping(written, AUTHORIZER_EXPECTED);
                    if (authorizer.get("FunctionArn").isEmpty() && authorizer.get("UserPoolArn").isEmpty()
                            && authorizer.get("JwtConfiguration").isEmpty()) {
                        throw TemplateProblem.required(authorizer, "FunctionArn", "a Lambda function the template "
                                + "defines");
                    }
                    reader.read(name, authorizer);
                }));
    }

    private String function(String name, Mapping authorizer, ApiDraft draft) {
        LambdaUris.Target target = lambdaUris.function(authorizer.get("FunctionArn").orElseThrow(() ->
                TemplateProblem.required(authorizer, "FunctionArn", LambdaUris.FUNCTION_EXPECTED)));
        OpenApiSecurityReader.warnAboutQualifier(draft, name, target);
        return target.functionName();
    }

    private static void defaultAuthorizer(Mapping auth, ApiDraft draft) {
        auth.get("DefaultAuthorizer").ifPresent(value -> {
            String name = PropertyValues.text(value, "the name of an authorizer");
            if (!draft.knowsAuthorizer(name)) {
                throw TemplateProblem.at(value, "expected AWS_IAM or one of the Authorizers "
                        + draft.authorizers.keySet() + ", found '" + name + "'");
            }
            draft.defaultAuthorizer = name;
        });
    }

    private static Mapping identity(Mapping authorizer) {
        return ApiValues.mapping(authorizer, "Identity", "a map of identity sources")
                .orElse(Mapping.empty(authorizer.line(), authorizer.childPath("Identity")));
    }

    private static List<String> prefixed(Mapping identity, String key, String prefix) {
        return identity.get(key).map(value -> ApiValues.texts(value, "names")).orElse(List.of()).stream()
                .map(name -> prefix + name)
                .toList();
    }

    private static Duration ttl(Mapping identity, List<String> sources) {
        long seconds = identity.get("ReauthorizeEvery")
                .map(value -> PropertyValues.integer(value, 0, MAX_TTL_SECONDS, "an integer from 0 to 3600 (seconds)"))
                .orElse((long) DEFAULT_TTL_SECONDS);
        return Duration.ofSeconds(sources.isEmpty() ? 0 : seconds);
    }
}
