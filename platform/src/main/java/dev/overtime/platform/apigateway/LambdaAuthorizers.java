package dev.overtime.platform.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.function.FunctionTarget;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs Lambda authorizers as API Gateway does: TOKEN and REQUEST for REST APIs (the function answers
 * a principal, an IAM policy over {@code execute-api:Invoke} and a context), REQUEST for HTTP APIs
 * (also simple responses, {@code {"isAuthorized": ..., "context": ...}}). A result is cached per
 * authorizer and identity for the authorizer's TTL; a cached policy is evaluated again for each
 * method, as a REST API evaluates it. The context reaches the function as
 * {@code requestContext.authorizer}.
 */
final class LambdaAuthorizers {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the authorizer decided: allowed with a context, or the answer that refuses. */
    record Decision(boolean allowed, Map<String, Object> context, ApiResponse denial) {
        static Decision allow(Map<String, Object> context) {
            return new Decision(true, context, null);
        }

        static Decision deny(ApiResponse denial) {
            return new Decision(false, Map.of(), denial);
        }
    }

    private record Cached(JsonNode answer, long expiresAtNanos) {
    }

    private final FunctionCalls calls;
    private final String accountId;
    private final String region;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    LambdaAuthorizers(FunctionCalls calls, String region, String accountId) {
        this.calls = calls;
        this.region = region;
        this.accountId = accountId;
    }

    CompletableFuture<Decision> authorize(ApiDefinition api, LambdaAuthorizer authorizer, RouteTable.Match match,
                                          ApiRequest request, RequestFacts facts) {
        List<String> identity = identity(authorizer, match, request);
        if (identity == null || authorizer.type().equalsIgnoreCase("TOKEN")
                && authorizer.validationExpression() != null && !identity.isEmpty()
                && !identity.getFirst().matches(authorizer.validationExpression())) {
            return CompletableFuture.completedFuture(Decision.deny(unauthorized(api)));
        }
        String methodArn = "arn:aws:execute-api:" + region + ":" + accountId + ":" + api.id() + "/"
                + api.stage() + "/" + request.method() + request.path();
        String key = api.id() + "|" + authorizer.name() + "|" + String.join("\u0000", identity);
        Cached cached = cache.get(key);
        if (cached != null && cached.expiresAtNanos() > System.nanoTime()) {
            return CompletableFuture.completedFuture(decide(api, authorizer, cached.answer(), methodArn));
        }
        byte[] event = event(api, authorizer, match, request, facts, identity, methodArn);
        FunctionTarget target = calls.target(new Integration(Integration.IntegrationType.AWS_PROXY,
                authorizer.functionName(), null, null, Map.of(), Map.of(), null, List.of(), null, false));
        return calls.call(target, facts.requestId() + "-auth", event, Integration.DEFAULT_TIMEOUT, false, request.selector())
                .thenApply(result -> switch (result) {
                    case FunctionCalls.Result.Answered a -> {
                        JsonNode answer = parse(a.payload());
                        if (answer == null) {
                            yield Decision.deny(configurationError());
                        }
                        if (!authorizer.cacheTtl().isZero()) {
                            cache.put(key, new Cached(answer, System.nanoTime() + authorizer.cacheTtl().toNanos()));
                        }
                        yield decide(api, authorizer, answer, methodArn);
                    }
                    case FunctionCalls.Result.Failed f -> {
                        JsonNode error = parse(f.errorPayload());
                        yield Decision.deny(error != null && "Unauthorized".equals(error.path("errorMessage").asText())
                                ? unauthorized(api) : configurationError());
                    }
                    default -> Decision.deny(configurationError());
                });
    }

    private Decision decide(ApiDefinition api, LambdaAuthorizer authorizer, JsonNode answer, String methodArn) {
        Map<String, Object> context = new LinkedHashMap<>();
        if (authorizer.simpleResponses() && answer.has("isAuthorized")) {
            answer.path("context").properties().forEach(e -> context.put(e.getKey(), value(e.getValue())));
            return answer.path("isAuthorized").asBoolean(false) ? Decision.allow(context)
                    : Decision.deny(ApiResponse.message(403, "Forbidden", "AccessDeniedException"));
        }
        if (!answer.hasNonNull("principalId") && api.kind() == ApiKind.REST || !answer.has("policyDocument")) {
            return Decision.deny(configurationError());
        }
        boolean allowed = false;
        for (JsonNode statement : statements(answer.path("policyDocument"))) {
            if (!covers(statement.path("Action"), "execute-api:Invoke")
                    || !covers(statement.path("Resource"), methodArn)) {
                continue;
            }
            if ("Deny".equalsIgnoreCase(statement.path("Effect").asText())) {
                return Decision.deny(forbidden(api, true));
            }
            allowed |= "Allow".equalsIgnoreCase(statement.path("Effect").asText());
        }
        if (!allowed) {
            return Decision.deny(forbidden(api, false));
        }
        if (answer.hasNonNull("principalId")) {
            context.put("principalId", answer.get("principalId").asText());
        }
        // A REST API hands the context on as strings (1 becomes "1"); HTTP APIs keep the JSON types.
        answer.path("context").properties().forEach(e -> context.put(e.getKey(),
                api.kind() == ApiKind.REST ? e.getValue().asText() : value(e.getValue())));
        return Decision.allow(context);
    }

    private static List<JsonNode> statements(JsonNode policy) {
        JsonNode s = policy.path("Statement");
        List<JsonNode> all = new ArrayList<>();
        if (s.isArray()) {
            s.forEach(all::add);
        } else if (s.isObject()) {
            all.add(s);
        }
        return all;
    }

    /** Whether a policy's Action or Resource (a string or a list, with * and ? wildcards) covers {@code value}. */
    private static boolean covers(JsonNode patterns, String value) {
        List<String> all = new ArrayList<>();
        if (patterns.isArray()) {
            patterns.forEach(p -> all.add(p.asText()));
        } else if (patterns.isTextual()) {
            all.add(patterns.asText());
        }
        for (String pattern : all) {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
            }
            if (value.matches(regex.toString())) {
                return true;
            }
        }
        return false;
    }

    /** The identity sources' values, or null when one is missing (API Gateway then answers 401). */
    private static List<String> identity(LambdaAuthorizer authorizer, RouteTable.Match match, ApiRequest request) {
        List<String> values = new ArrayList<>();
        Map<String, List<String>> query = request.multiQuery();
        for (String source : authorizer.identitySources()) {
            String name = source.trim();
            String value = null;
            if (name.startsWith("method.request.header.") || name.startsWith("$request.header.")) {
                value = request.header(name.substring(name.lastIndexOf("header.") + "header.".length()));
            } else if (name.startsWith("method.request.querystring.") || name.startsWith("$request.querystring.")) {
                List<String> v = query.get(name.substring(name.lastIndexOf("querystring.") + "querystring.".length()));
                value = v == null ? null : v.getFirst();
            } else if (name.startsWith("method.request.path.") || name.startsWith("$request.path.")) {
                value = match.pathParameters().get(name.substring(name.lastIndexOf("path.") + "path.".length()));
            }
            if (value == null || value.isEmpty()) {
                return authorizer.identitySources().isEmpty() ? List.of() : null;
            }
            values.add(value);
        }
        return values;
    }

    private byte[] event(ApiDefinition api, LambdaAuthorizer authorizer, RouteTable.Match match, ApiRequest request,
                         RequestFacts facts, List<String> identity, String methodArn) {
        ObjectNode event;
        if (authorizer.type().equalsIgnoreCase("TOKEN")) {
            event = JSON.createObjectNode();
            event.put("type", "TOKEN");
            event.put("authorizationToken", identity.isEmpty() ? "" : identity.getFirst());
            event.put("methodArn", methodArn);
            return event.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        boolean v2 = api.kind() == ApiKind.HTTP && "2.0".equals(authorizer.payloadFormatVersion());
        byte[] base = v2 ? ProxyEvents.v2(api, match, request, facts) : ProxyEvents.v1(api, match, request, facts);
        try {
            event = (ObjectNode) JSON.readTree(base);
        } catch (IOException e) {
            throw new IllegalStateException("an event always parses", e);
        }
        event.put("type", "REQUEST");
        if (v2) {
            event.put("routeArn", methodArn);
            ArrayNode sources = event.putArray("identitySource");
            identity.forEach(sources::add);
        } else {
            event.put("methodArn", methodArn);
        }
        return event.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Object value(JsonNode node) {
        return node.isNumber() ? node.numberValue() : node.isBoolean() ? node.booleanValue() : node.asText();
    }

    private static ApiResponse unauthorized(ApiDefinition api) {
        return ApiResponse.message(401, "Unauthorized", "UnauthorizedException");
    }

    private static ApiResponse forbidden(ApiDefinition api, boolean explicit) {
        if (api.kind() == ApiKind.HTTP) {
            return ApiResponse.message(403, "Forbidden", "AccessDeniedException");
        }
        String message = explicit ? "User is not authorized to access this resource with an explicit deny"
                : "User is not authorized to access this resource";
        return new ApiResponse(403, List.of(Map.entry("Content-Type", "application/json"),
                Map.entry("x-amzn-ErrorType", "AccessDeniedException")),
                ("{\"Message\":\"" + message + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static ApiResponse configurationError() {
        return new ApiResponse(500, List.of(Map.entry("Content-Type", "application/json"),
                Map.entry("x-amzn-ErrorType", "AuthorizerConfigurationException")),
                "{\"message\":null}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static JsonNode parse(byte[] payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
