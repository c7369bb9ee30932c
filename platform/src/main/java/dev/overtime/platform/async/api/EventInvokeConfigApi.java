package dev.overtime.platform.async.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.async.DestinationTargets;
import dev.overtime.platform.async.EventInvokeConfig;
import dev.overtime.platform.async.EventInvokeConfigs;
import dev.overtime.platform.function.FunctionRegistry;
import dev.overtime.platform.function.FunctionVersion;
import dev.overtime.platform.http.Body;
import dev.overtime.platform.http.BodyReader;
import dev.overtime.platform.http.Responses;
import dev.overtime.platform.invoke.ApiError;
import dev.overtime.platform.invoke.ApiErrors;
import dev.overtime.platform.invoke.FunctionLookup;
import dev.overtime.platform.invoke.LambdaApiException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * AWS's EventInvokeConfig API, as the SDKs call it:
 * <pre>
 * PUT    /2019-09-25/functions/{name}/event-invoke-config        PutFunctionEventInvokeConfig (replaces)
 * POST   /2019-09-25/functions/{name}/event-invoke-config        UpdateFunctionEventInvokeConfig (merges)
 * GET    /2019-09-25/functions/{name}/event-invoke-config        GetFunctionEventInvokeConfig
 * DELETE /2019-09-25/functions/{name}/event-invoke-config        DeleteFunctionEventInvokeConfig
 * GET    /2019-09-25/functions/{name}/event-invoke-config/list   ListFunctionEventInvokeConfigs
 * </pre>
 * A {@code ?Qualifier=} (or a qualified name) addresses that version's or alias's configuration; none,
 * or {@code $LATEST}, the function's own. List gives all of a function's, each with its qualified
 * {@code FunctionArn}.
 */
public final class EventInvokeConfigApi {

    private static final String PREFIX = "/2019-09-25/functions";
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final EventInvokeConfigs configs;
    private final FunctionLookup lookup;
    private final ObjectMapper json;

    public EventInvokeConfigApi(EventInvokeConfigs configs, FunctionLookup lookup, ObjectMapper json) {
        this.configs = configs;
        this.lookup = lookup;
        this.json = json;
    }

    /** True if the request is an EventInvokeConfig call and was handled. */
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(PREFIX + "/")) {
            return false;
        }
        response.getHeaders().put("x-amzn-RequestId", dev.overtime.platform.invocation.RequestIds.next());
        try {
            route(path.substring(PREFIX.length() + 1), request, response, callback);
        } catch (LambdaApiException e) {
            ApiErrors.render(response, callback, e);
        }
        return true;
    }

    private void route(String rest, Request request, Response response, Callback callback) throws LambdaApiException {
        String[] parts = rest.split("/", -1);
        String method = request.getMethod();
        boolean list = parts.length == 3 && parts[2].equals("list") && method.equals("GET");
        if (parts.length < 2 || !parts[1].equals("event-invoke-config") || (parts.length > 2 && !list)) {
            throw new LambdaApiException(ApiError.UNKNOWN_OPERATION, "Overtime does not serve " + method + " "
                    + PREFIX + "/" + rest);
        }
        dev.overtime.platform.function.FunctionTarget served = lookup.find(
                URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                Request.extractQueryParameters(request).getValue("Qualifier"));
        String name = served.name();
        if (list) {
            ObjectNode doc = json.createObjectNode();
            ArrayNode items = doc.putArray("FunctionEventInvokeConfigs");
            configs.ofFunction(name).forEach((key, c) -> items.add(document(key, c)));
            send(response, callback, 200, doc);
            return;
        }
        String key = EventInvokeConfigs.key(name, served.qualifier());
        switch (method) {
            case "GET" -> send(response, callback, 200, document(key, existing(key)));
            case "DELETE" -> {
                existing(key);
                answer(configs.delete(key), response, callback, done -> Responses.empty(response, callback, 204));
            }
            case "PUT", "POST" -> BodyReader.read(request, MAX_BODY_BYTES, (body, failed) -> {
                try {
                    EventInvokeConfig base = method.equals("PUT") ? EventInvokeConfig.DEFAULT : existing(key);
                    EventInvokeConfig config = parse(body, failed, base);
                    answer(configs.put(key, config), response, callback,
                            saved -> send(response, callback, 200, document(key, saved)));
                } catch (LambdaApiException e) {
                    ApiErrors.render(response, callback, e);
                }
            });
            default -> throw new LambdaApiException(ApiError.UNKNOWN_OPERATION, "Overtime does not serve " + method
                    + " " + PREFIX + "/" + rest);
        }
    }

    /** The configuration stored under {@code key} ({@code name} or {@code name:qualifier}), or AWS's 404. */
    private EventInvokeConfig existing(String key) throws LambdaApiException {
        return configs.find(key).orElseThrow(() -> new LambdaApiException(ApiError.RESOURCE_NOT_FOUND,
                "The function " + lookup.arn(key) + " doesn't have an EventInvokeConfig"));
    }

    private <T> void answer(CompletableFuture<T> change, Response response, Callback callback,
                            java.util.function.Consumer<T> onDone) {
        change.whenComplete((value, failure) -> {
            if (failure != null) {
                ApiErrors.render(response, callback, new LambdaApiException(ApiError.SERVICE,
                        "Overtime could not store the configuration: " + failure.getMessage()));
            } else {
                onDone.accept(value);
            }
        });
    }

    /** Reads a Put or Update body over {@code base}: fields given replace base's, others stay. */
    private EventInvokeConfig parse(Body body, IOException failed, EventInvokeConfig base) throws LambdaApiException {
        if (failed != null || body.exceeded(MAX_BODY_BYTES)) {
            throw new LambdaApiException(ApiError.INVALID_REQUEST_CONTENT, "Could not read the request body");
        }
        JsonNode doc;
        try {
            doc = body.bytes().length == 0 ? json.createObjectNode() : json.readTree(body.bytes());
        } catch (IOException e) {
            throw new LambdaApiException(ApiError.INVALID_REQUEST_CONTENT, "Could not parse request body into json");
        }
        if (!doc.isObject()) {
            throw new LambdaApiException(ApiError.INVALID_REQUEST_CONTENT, "The request body must be a JSON object");
        }
        Integer retries = bounded(doc, "MaximumRetryAttempts", "maximumRetryAttempts", 0,
                EventInvokeConfig.MAX_RETRY_ATTEMPTS, base.maximumRetryAttempts());
        Integer age = bounded(doc, "MaximumEventAgeInSeconds", "maximumEventAgeInSeconds",
                EventInvokeConfig.MIN_EVENT_AGE_SECONDS, EventInvokeConfig.MAX_EVENT_AGE_SECONDS,
                base.maximumEventAgeSeconds());
        JsonNode destinations = doc.path("DestinationConfig");
        String onSuccess = destination(destinations, "OnSuccess", base.onSuccess());
        String onFailure = destination(destinations, "OnFailure", base.onFailure());
        return new EventInvokeConfig(retries, age, onSuccess, onFailure, System.currentTimeMillis());
    }

    private static Integer bounded(JsonNode doc, String field, String member, int min, int max, Integer fallback)
            throws LambdaApiException {
        JsonNode value = doc.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE, field + " must be an integer");
        }
        int n = value.intValue();
        if (n < min) {
            throw validation(n, member, "greater than or equal to " + min);
        }
        if (n > max) {
            throw validation(n, member, "less than or equal to " + max);
        }
        return n;
    }

    private static LambdaApiException validation(int value, String member, String constraint) {
        return new LambdaApiException(ApiError.VALIDATION, "1 validation error detected: Value '"
                + value + "' at '" + member + "' failed to satisfy constraint: Member must have value " + constraint);
    }

    private String destination(JsonNode destinations, String which, String fallback) throws LambdaApiException {
        JsonNode node = destinations.path(which);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        JsonNode arn = node.get("Destination");
        if (arn == null || arn.isNull() || arn.asText().isEmpty()) {
            return null;
        }
        try {
            DestinationTargets.Destination to = DestinationTargets.parse(arn.asText(), lookup.region());
            if (!dev.overtime.platform.async.QueuedEvent.isWebhook(to.target())) {
                lookup.find(to.target(), to.qualifier());
            }
        } catch (IllegalArgumentException e) {
            throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE, e.getMessage());
        } catch (LambdaApiException e) {
            throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE, "The destination function "
                    + arn.asText() + " does not exist");
        }
        return arn.asText();
    }

    /** @param key {@code name} ({@code $LATEST}'s ARN) or {@code name:qualifier} (that qualifier's ARN) */
    private ObjectNode document(String key, EventInvokeConfig config) {
        ObjectNode doc = json.createObjectNode();
        doc.put("LastModified", config.lastModifiedMillis() / 1000.0);
        doc.put("FunctionArn", lookup.arn(key.contains(":") ? key : key + ":" + FunctionVersion.LATEST));
        if (config.maximumRetryAttempts() != null) {
            doc.put("MaximumRetryAttempts", config.maximumRetryAttempts());
        }
        if (config.maximumEventAgeSeconds() != null) {
            doc.put("MaximumEventAgeInSeconds", config.maximumEventAgeSeconds());
        }
        ObjectNode destinations = doc.putObject("DestinationConfig");
        ObjectNode onSuccess = destinations.putObject("OnSuccess");
        ObjectNode onFailure = destinations.putObject("OnFailure");
        if (config.onSuccess() != null) {
            onSuccess.put("Destination", config.onSuccess());
        }
        if (config.onFailure() != null) {
            onFailure.put("Destination", config.onFailure());
        }
        return doc;
    }

    private void send(Response response, Callback callback, int status, ObjectNode doc) {
        try {
            Responses.json(response, callback, status, json.writeValueAsString(doc));
        } catch (IOException e) {
            ApiErrors.render(response, callback, new LambdaApiException(ApiError.SERVICE, e.getMessage()));
        }
    }
}
