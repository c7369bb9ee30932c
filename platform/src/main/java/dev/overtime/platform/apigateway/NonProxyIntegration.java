package dev.overtime.platform.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.apigateway.mapping.MappingException;
import dev.overtime.platform.apigateway.mapping.MappingResult;
import dev.overtime.platform.apigateway.mapping.MappingTemplates;
import dev.overtime.platform.function.FunctionTarget;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A REST API's non-proxy ({@code aws}) and {@code mock} integrations: the request template (chosen by
 * content type, or the passthrough behaviour), the integration request headers (so
 * {@code X-Amz-Invocation-Type} from a method header, a constant or the template's
 * {@code $context.requestOverride}), the call, and the integration response chosen by
 * {@code selectionPattern} against the function's {@code errorMessage}, with its template and
 * parameters.
 */
final class NonProxyIntegration {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MappingTemplates templates;
    private final FunctionCalls calls;
    private final Consumer<String> log;

    NonProxyIntegration(MappingTemplates templates, FunctionCalls calls, Consumer<String> log) {
        this.templates = templates;
        this.calls = calls;
        this.log = log;
    }

    CompletableFuture<ApiResponse> run(ApiDefinition api, RouteTable.Match match, ApiRequest request,
                                       RequestFacts facts) {
        Integration integration = match.route().integration();
        String contentType = mediaType(request.header("Content-Type"));
        String template = integration.requestTemplates().get(contentType);
        byte[] payload;
        Map<String, String> headers = IntegrationParameters.headers(integration, match, request, api.stageVariables());
        if (template == null) {
            boolean passThrough = switch (integration.passthroughBehavior()) {
                case "NEVER" -> false;
                case "WHEN_NO_TEMPLATES" -> integration.requestTemplates().isEmpty();
                default -> true;
            };
            if (!passThrough) {
                return done(ApiResponse.message(415, "Unsupported Media Type", "UnsupportedMediaTypeException"));
            }
            payload = request.body();
        } else {
            MappingResult mapped;
            try {
                mapped = templates.render(template, RequestContexts.request(api, match, request, facts));
            } catch (MappingException e) {
                log.accept(api.name() + " " + match.route().routeKey() + ": the request template failed at line "
                        + e.line() + ", column " + e.column() + ": " + e.getMessage());
                return done(ApiResponse.message(500, "Internal server error", null));
            }
            payload = mapped.output().getBytes(StandardCharsets.UTF_8);
            headers.putAll(mapped.headerOverrides());
        }
        if (integration.type() == Integration.IntegrationType.MOCK) {
            return done(mock(api, match, request, facts, payload));
        }
        FunctionTarget target = calls.target(integration);
        String invocationType = IntegrationParameters.find(headers, "X-Amz-Invocation-Type");
        if ("Event".equalsIgnoreCase(invocationType)) {
            if (payload.length == 0) {
                payload = "{}".getBytes(StandardCharsets.UTF_8);
            }
            if (!isJson(payload)) {
                log.accept(api.name() + " " + match.route().routeKey() + ": the integration request is not JSON, "
                        + "so Lambda refuses it");
                return done(ApiResponse.message(500, "Internal server error", null));
            }
            // Lambda answers an Event invoke 202 with an empty body, which the default integration response maps.
            return calls.enqueue(target, facts.requestId(), payload)
                    .thenApply(accepted -> respond(api, match, request, facts, selectDefault(integration),
                            new byte[0]))
                    .exceptionally(failed -> ApiResponse.message(500, "Internal server error", null));
        }
        return calls.call(target, facts.requestId(), payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8)
                : payload, integration.timeout(), false, request.selector()).thenApply(result -> switch (result) {
            case FunctionCalls.Result.Answered a ->
                    respond(api, match, request, facts, selectDefault(integration), a.payload());
            case FunctionCalls.Result.Failed f -> respond(api, match, request, facts,
                    selectError(integration, errorMessage(f.errorPayload())), f.errorPayload());
            case FunctionCalls.Result.Throttled t -> ApiResponse.message(500, "Internal server error", null);
            case FunctionCalls.Result.TimedOut t -> ApiResponse.message(504, "Endpoint request timed out", null);
            case FunctionCalls.Result.Streamed s -> throw new IllegalStateException("streams are collected first");
        });
    }

    private ApiResponse mock(ApiDefinition api, RouteTable.Match match, ApiRequest request, RequestFacts facts,
                             byte[] rendered) {
        String status = "200";
        try {
            JsonNode json = JSON.readTree(rendered);
            if (json != null && json.has("statusCode")) {
                status = json.get("statusCode").asText();
            }
        } catch (IOException e) {
            // A mock's request template only chooses the status; anything else means 200.
        }
        Integration integration = match.route().integration();
        Integration.IntegrationResponse chosen = null;
        for (Integration.IntegrationResponse r : integration.responses()) {
            if (!isDefault(r) && matches(r.selectionPattern(), status)) {
                chosen = r;
                break;
            }
        }
        return respond(api, match, request, facts, chosen != null ? chosen : selectDefault(integration), new byte[0]);
    }

    /** The method response: status, template output (or the payload as it is) and response parameters. */
    private ApiResponse respond(ApiDefinition api, RouteTable.Match match, ApiRequest request, RequestFacts facts,
                                Integration.IntegrationResponse chosen, byte[] payload) {
        int status = 200;
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        byte[] body = payload;
        String contentType = "application/json";
        if (chosen != null) {
            status = parseStatus(chosen.statusCode());
            String template = chosen.responseTemplates().get("application/json");
            if (template == null && !chosen.responseTemplates().isEmpty()) {
                Map.Entry<String, String> first = chosen.responseTemplates().entrySet().iterator().next();
                contentType = first.getKey();
                template = first.getValue();
            }
            if (template != null) {
                try {
                    MappingResult mapped = templates.render(template,
                            RequestContexts.response(api, match, request, facts, payload));
                    body = mapped.output().getBytes(StandardCharsets.UTF_8);
                    if (mapped.statusOverride() != null) {
                        status = mapped.statusOverride();
                    }
                    mapped.responseHeaderOverrides().forEach((k, v) -> headers.add(Map.entry(k, v)));
                } catch (MappingException e) {
                    log.accept(api.name() + " " + match.route().routeKey() + ": the response template failed at "
                            + "line " + e.line() + ", column " + e.column() + ": " + e.getMessage());
                    return ApiResponse.message(500, "Internal server error", null);
                }
            }
            chosen.responseParameters().forEach((target, source) -> {
                if (target.startsWith("method.response.header.")) {
                    String value = parameter(source, payload);
                    if (value != null) {
                        headers.add(Map.entry(target.substring("method.response.header.".length()), value));
                    }
                }
            });
        }
        if (headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Content-Type"))) {
            headers.add(Map.entry("Content-Type", contentType));
        }
        return new ApiResponse(status, headers, body);
    }

    /** A response parameter's value: a quoted constant, or a field of the integration's JSON body. */
    private static String parameter(String source, byte[] payload) {
        String s = source.trim();
        if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
            return s.substring(1, s.length() - 1);
        }
        if (s.startsWith("integration.response.body.")) {
            try {
                JsonNode node = JSON.readTree(payload);
                for (String field : s.substring("integration.response.body.".length()).split("\\.")) {
                    node = node == null ? null : node.get(field);
                }
                return node == null || node.isNull() ? null : node.isValueNode() ? node.asText() : node.toString();
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    private static Integration.IntegrationResponse selectDefault(Integration integration) {
        for (Integration.IntegrationResponse r : integration.responses()) {
            if (isDefault(r)) {
                return r;
            }
        }
        return null;
    }

    /** The response whose selection pattern matches the error message, else the default one. */
    private static Integration.IntegrationResponse selectError(Integration integration, String errorMessage) {
        if (errorMessage != null) {
            for (Integration.IntegrationResponse r : integration.responses()) {
                if (!isDefault(r) && matches(r.selectionPattern(), errorMessage)) {
                    return r;
                }
            }
        }
        return selectDefault(integration);
    }

    private static boolean isDefault(Integration.IntegrationResponse r) {
        return r.selectionPattern() == null || r.selectionPattern().isEmpty() || r.selectionPattern().equals("default");
    }

    private static boolean matches(String pattern, String text) {
        try {
            return Pattern.compile(pattern, Pattern.DOTALL).matcher(text).matches();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static String errorMessage(byte[] errorPayload) {
        try {
            JsonNode json = JSON.readTree(errorPayload);
            return json != null && json.hasNonNull("errorMessage") ? json.get("errorMessage").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static int parseStatus(String code) {
        try {
            return code == null ? 200 : Integer.parseInt(code.trim());
        } catch (NumberFormatException e) {
            return 200;
        }
    }

    private static boolean isJson(byte[] bytes) {
        try {
            JSON.readTree(bytes);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String mediaType(String contentType) {
        return contentType == null ? "application/json"
                : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    private static CompletableFuture<ApiResponse> done(ApiResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
