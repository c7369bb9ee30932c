package dev.overtime.platform.invoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.environment.ConcurrencyLimitExceeded;
import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.function.FunctionRegistry;
import dev.overtime.platform.function.FunctionTarget;
import dev.overtime.platform.function.FunctionVersion;
import dev.overtime.platform.http.Body;
import dev.overtime.platform.http.BodyReader;
import dev.overtime.platform.http.Responses;
import dev.overtime.platform.http.SelectorThreads;
import dev.overtime.platform.invocation.Invocation;
import dev.overtime.platform.invocation.InvocationOutcome;
import dev.overtime.platform.invocation.InvocationRequest;
import dev.overtime.platform.invocation.FunctionErrors;
import dev.overtime.platform.invocation.TraceIds;
import dev.overtime.platform.async.AsyncInvocations;
import dev.overtime.platform.async.store.EventStoreUnavailableException;
import dev.overtime.platform.streaming.EventStreamResponder;
import dev.overtime.platform.url.FunctionUrlDoor;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The Lambda Invoke API door (REST, as the AWS SDKs and CLI call it).
 *
 * <pre>
 * POST /2015-03-31/functions/{name}/invocations   Invoke: RequestResponse, Event (durable queue), DryRun
 * POST /2014-11-13/functions/{name}/invoke-async/  InvokeAsync (deprecated): an Event invoke answering {"Status":202}
 * GET  /2015-03-31/functions/{name}               GetFunction
 * GET  /2015-03-31/functions/{name}/configuration GetFunctionConfiguration
 * GET  /2015-03-31/functions/                     ListFunctions (Marker, MaxItems)
 * </pre>
 * Every error is rendered once, by {@link ApiErrors}.
 */
public final class InvokeApiDoor {

    /** Lambda's synchronous request limit: 6 MB. */
    static final int MAX_REQUEST_BYTES = 6 * 1024 * 1024;
    /** Lambda's asynchronous (Event) request limit: 1 MB. */
    static final int MAX_EVENT_BYTES = 1024 * 1024;
    /** The deprecated InvokeAsync operation keeps the old 256 KB limit. */
    static final int MAX_INVOKE_ASYNC_BYTES = 256 * 1024;
    private static final String ASYNC_FUNCTIONS = "/2014-11-13/functions";
    private static final int MAX_CLIENT_CONTEXT_BYTES = 3583;
    private static final String FUNCTIONS = "/2015-03-31/functions";
    private static final String STREAMING_FUNCTIONS = "/2021-11-15/functions";

    private final FunctionRegistry functions;
    private final ObjectMapper json;
    private final FunctionConfigurations configurations;
    private final PayloadValidator validator;
    private final String region;
    private final FunctionUrlDoor functionUrls;
    private final AsyncInvocations async;
    private final FunctionLookup lookup;
    private static final String URL_FUNCTIONS = "/2021-10-31/functions";

    public InvokeApiDoor(FunctionRegistry functions, ObjectMapper json, String region, String accountId,
                         FunctionUrlDoor functionUrls, AsyncInvocations async) {
        this.functionUrls = functionUrls;
        this.async = async;
        this.lookup = new FunctionLookup(functions, region, accountId);
        this.functions = functions;
        this.json = json;
        this.region = region;
        this.configurations = new FunctionConfigurations(json, region, accountId);
        this.validator = new PayloadValidator(json.getFactory());
    }

    /** True if the request is a Lambda API call and was handled. */
    public boolean handle(Request request, Response response, Callback callback) {
        // The path as sent: Jetty's normalized one turns GetFunction of "." into ListFunctions and of
        // ".." into another API's path, and function names are decoded once, here, by route().
        String raw = request.getHttpURI().getPath();
        String path = raw == null ? Request.getPathInContext(request) : raw;
        boolean streaming = path.startsWith(STREAMING_FUNCTIONS);
        boolean urls = path.startsWith(URL_FUNCTIONS);
        boolean invokeAsync = path.startsWith(ASYNC_FUNCTIONS);
        if (!path.startsWith(FUNCTIONS) && !streaming && !urls && !invokeAsync) {
            return false;
        }
        String requestId = dev.overtime.platform.invocation.RequestIds.next();
        response.getHeaders().put("x-amzn-RequestId", requestId);
        try {
            if (invokeAsync) {
                routeInvokeAsync(path.substring(ASYNC_FUNCTIONS.length()), requestId, request, response, callback);
            } else if (urls) {
                routeUrlConfig(path.substring(URL_FUNCTIONS.length()), request, response, callback);
            } else if (streaming) {
                routeStreaming(path.substring(STREAMING_FUNCTIONS.length()), requestId, request, response, callback);
            } else {
                route(path.substring(FUNCTIONS.length()), requestId, request, response, callback);
            }
        } catch (LambdaApiException e) {
            ApiErrors.render(response, callback, e);
        } catch (Exception e) {
            ApiErrors.render(response, callback, new LambdaApiException(ApiError.SERVICE,
                    "Overtime failed to handle the request: " + e));
        }
        return true;
    }

    private void route(String rest, String requestId, Request request, Response response, Callback callback)
            throws Exception {
        String method = request.getMethod();
        if ((rest.isEmpty() || rest.equals("/")) && method.equals("GET")) {
            listFunctions(request, response, callback);
            return;
        }
        if (rest.isEmpty() || rest.equals("/") || rest.charAt(0) != '/') {
            throw new LambdaApiException(ApiError.UNKNOWN_OPERATION,
                    "Overtime does not serve " + method + " " + FUNCTIONS + rest);
        }
        String[] parts = rest.substring(1).split("/", -1);
        String name = java.net.URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        String action = parts.length > 1 ? parts[1] : "";
        String qualifier = Request.extractQueryParameters(request).getValue("Qualifier");
        if (parts.length <= 2 && action.equals("invocations") && method.equals("POST")) {
            invoke(name, qualifier, requestId, request, response, callback, false);
        } else if (parts.length == 1 && method.equals("GET")) {
            ObjectNode doc = configurations.function(find(name, qualifier));
            Responses.json(response, callback, 200, json.writeValueAsString(doc));
        } else if (parts.length == 2 && action.equals("configuration") && method.equals("GET")) {
            ObjectNode doc = configurations.configuration(find(name, qualifier));
            Responses.json(response, callback, 200, json.writeValueAsString(doc));
        } else {
            throw new LambdaApiException(ApiError.UNKNOWN_OPERATION,
                    "Overtime does not serve " + method + " " + FUNCTIONS + rest + " yet");
        }
    }

    /** {@code POST /2014-11-13/functions/{name}/invoke-async/}: the deprecated InvokeAsync, an Event invoke. */
    private void routeInvokeAsync(String rest, String requestId, Request request, Response response,
                                  Callback callback) throws LambdaApiException {
        String[] parts = rest.isEmpty() ? new String[0] : rest.substring(1).split("/", -1);
        if (parts.length < 2 || !parts[1].equals("invoke-async") || !request.getMethod().equals("POST")) {
            throw new LambdaApiException(ApiError.UNKNOWN_OPERATION,
                    "Overtime does not serve " + request.getMethod() + " " + ASYNC_FUNCTIONS + rest);
        }
        FunctionTarget served = find(java.net.URLDecoder.decode(parts[0], StandardCharsets.UTF_8), null);
        BodyReader.read(request, MAX_INVOKE_ASYNC_BYTES, (body, failed) -> {
            try {
                if (failed != null) {
                    throw new LambdaApiException(ApiError.INVALID_REQUEST_CONTENT,
                            "Could not read the request body: " + failed.getMessage());
                }
                if (body.exceeded(MAX_INVOKE_ASYNC_BYTES)) {
                    throw new LambdaApiException(ApiError.REQUEST_TOO_LARGE, "Request must be smaller than "
                            + MAX_INVOKE_ASYNC_BYTES + " bytes for the InvokeAsync operation");
                }
                enqueue(served, requestId, payloadOf(body), null, request, response, callback, 202,
                        "{\"Status\":202}".getBytes(StandardCharsets.UTF_8));
            } catch (LambdaApiException e) {
                ApiErrors.render(response, callback, e);
            }
        });
    }

    /**
     * Stores an Event invoke and answers only once it is durable; a store failure is a 500 (503 while the store is unreachable), never a 202.
     * The answer is written from the connection's selector thread, which answers a whole commit's
     * callers in one wake-up while the store's writer goes on to the next commit.
     */
    /** What went wrong, without the wrappers a future adds (their message names Java classes). */
    private static String reason(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private void enqueue(FunctionTarget served, String requestId, byte[] payload, String clientContext,
                         Request request, Response response, Callback callback, int status, byte[] body) {
        async.accept(requestId, served.name(), served.qualifier(), payload, clientContext)
                .whenCompleteAsync((done, failure) -> {
            if (failure != null) {
                ApiError error = EventStoreUnavailableException.isCause(failure) ? ApiError.SERVICE_UNAVAILABLE
                        : ApiError.SERVICE;
                ApiErrors.render(response, callback, new LambdaApiException(error,
                        "Overtime could not store the event, so it was not accepted: " + reason(failure)));
                return;
            }
            // An alias chooses its version when the event runs; a version or $LATEST is known now.
            if (served.function().alias(served.qualifier()).isEmpty()) {
                response.getHeaders().put("X-Amz-Executed-Version",
                        served.qualifier() == null ? FunctionVersion.LATEST : served.qualifier());
            }
            if (body.length == 0) {
                Responses.empty(response, callback, status);
            } else {
                Responses.send(response, callback, status, "application/json", body);
            }
        }, SelectorThreads.of(request));
    }

    private byte[] payloadOf(Body body) throws LambdaApiException {
        byte[] payload = body.bytes().length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body.bytes();
        validator.requireJson(payload);
        return payload;
    }

    /** GetFunctionUrlConfig ({@code GET .../url}) and ListFunctionUrlConfigs ({@code GET .../urls}). */
    private void routeUrlConfig(String rest, Request request, Response response, Callback callback) throws Exception {
        String[] parts = rest.isEmpty() ? new String[0] : rest.substring(1).split("/", -1);
        if (parts.length != 2 || !request.getMethod().equals("GET") || !(parts[1].equals("url") || parts[1].equals("urls"))) {
            throw new LambdaApiException(ApiError.UNKNOWN_OPERATION, "Overtime does not serve "
                    + request.getMethod() + " " + URL_FUNCTIONS + rest + " yet");
        }
        FunctionTarget served = find(java.net.URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                Request.extractQueryParameters(request).getValue("Qualifier"));
        String name = served.name();
        java.util.Optional<FunctionUrlDoor.ServedUrl> url = functionUrls.urlOf(name);
        if (parts[1].equals("url")) {
            FunctionUrlDoor.ServedUrl found = url.orElseThrow(() -> new LambdaApiException(ApiError.RESOURCE_NOT_FOUND,
                    "The resource you requested does not exist. (Function " + name + " has no Function URL)"));
            Responses.json(response, callback, 200, json.writeValueAsString(
                    functionUrls.configuration(json, found, found.function().invokedArn())));
            return;
        }
        ObjectNode doc = json.createObjectNode();
        ArrayNode list = doc.putArray("FunctionUrlConfigs");
        url.ifPresent(u -> list.add(functionUrls.configuration(json, u, u.function().invokedArn())));
        Responses.json(response, callback, 200, json.writeValueAsString(doc));
    }

    /** {@code POST /2021-11-15/functions/{name}/response-streaming-invocations}: InvokeWithResponseStream. */
    private void routeStreaming(String rest, String requestId, Request request, Response response, Callback callback)
            throws Exception {
        String[] parts = rest.isEmpty() ? new String[0] : rest.substring(1).split("/", -1);
        if (parts.length != 2 || !parts[1].equals("response-streaming-invocations") || !request.getMethod().equals("POST")) {
            throw new LambdaApiException(ApiError.UNKNOWN_OPERATION,
                    "Overtime does not serve " + request.getMethod() + " " + STREAMING_FUNCTIONS + rest);
        }
        String type = headerOr(request.getHeaders(), "X-Amz-Invocation-Type", "RequestResponse");
        if (type.equals("Event")) {
            throw new LambdaApiException(ApiError.VALIDATION, "1 validation error detected: Value 'Event' "
                    + "at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[RequestResponse, DryRun]");
        }
        String name = java.net.URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        String qualifier = Request.extractQueryParameters(request).getValue("Qualifier");
        invoke(name, qualifier, requestId, request, response, callback, true);
    }

    private FunctionTarget find(String nameOrArn, String qualifier) throws LambdaApiException {
        return lookup.find(nameOrArn, qualifier);
    }

    private void listFunctions(Request request, Response response, Callback callback) throws Exception {
        Fields query = Request.extractQueryParameters(request);
        boolean allVersions = "ALL".equals(query.getValue("FunctionVersion"));
        List<ObjectNode> all = new ArrayList<>();
        for (DeployedFunction function : functions.all()) {
            all.add(configurations.configuration(function, function.latest(), null));
            if (allVersions) {
                function.versions().forEach(v -> all.add(configurations.configuration(function, v, null)));
            }
        }
        int start = Math.min(nonNegative(query.getValue("Marker"), 0), all.size());
        int max = Math.min(Math.max(1, nonNegative(query.getValue("MaxItems"), 50)), 10_000);
        ObjectNode doc = json.createObjectNode();
        ArrayNode list = doc.putArray("Functions");
        int end = Math.min(all.size(), start + max);
        for (int i = start; i < end; i++) {
            list.add(all.get(i));
        }
        if (end < all.size()) {
            doc.put("NextMarker", Integer.toString(end));
        }
        Responses.json(response, callback, 200, json.writeValueAsString(doc));
    }

    private static int nonNegative(String value, int fallback) throws LambdaApiException {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE, "Invalid pagination value: " + value);
        }
    }

    private void invoke(String name, String qualifier, String requestId, Request request, Response response,
                        Callback callback, boolean streaming) throws LambdaApiException {
        HttpFields headers = request.getHeaders();
        String type = headerOr(headers, "X-Amz-Invocation-Type", "RequestResponse");
        String logType = headerOr(headers, "X-Amz-Log-Type", "None");
        if (!type.equals("RequestResponse") && !type.equals("DryRun") && !type.equals("Event")) {
            throw new LambdaApiException(ApiError.VALIDATION, "1 validation error detected: Value '"
                    + type + "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[Event, RequestResponse, DryRun]");
        }
        if (!logType.equals("None") && !logType.equals("Tail")) {
            throw new LambdaApiException(ApiError.VALIDATION, "1 validation error detected: Value '"
                    + logType + "' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[Tail, None]");
        }
        BodyReader.read(request, MAX_REQUEST_BYTES, (body, failed) -> {
            try {
                if (failed != null) {
                    throw new LambdaApiException(ApiError.INVALID_REQUEST_CONTENT,
                            "Could not read the request body: " + failed.getMessage());
                }
                invoke(name, qualifier, type, logType, body, requestId, request, response, callback, streaming);
            } catch (LambdaApiException e) {
                ApiErrors.render(response, callback, e);
            } catch (RuntimeException e) {
                ApiErrors.render(response, callback, new LambdaApiException(ApiError.SERVICE,
                        "Overtime failed to handle the request: " + e));
            }
        });
    }

    private void invoke(String name, String qualifier, String type, String logType, Body body, String requestId,
                        Request request, Response response, Callback callback, boolean streaming)
            throws LambdaApiException {
        HttpFields headers = request.getHeaders();
        FunctionTarget served = find(name, qualifier);
        if (body.exceeded(MAX_REQUEST_BYTES)) {
            throw new LambdaApiException(ApiError.REQUEST_TOO_LARGE, "Request must be smaller than "
                    + MAX_REQUEST_BYTES + " bytes for the InvokeFunction operation");
        }
        if (type.equals("Event") && body.exceeded(MAX_EVENT_BYTES)) {
            throw new LambdaApiException(ApiError.REQUEST_TOO_LARGE, "Request must be smaller than "
                    + MAX_EVENT_BYTES + " bytes for the InvokeFunction operation with the Event invocation type");
        }
        byte[] payload = payloadOf(body);
        String clientContext = clientContext(headers.get("X-Amz-Client-Context"));
        if (type.equals("Event")) {
            enqueue(served, requestId, payload, clientContext, request, response, callback, 202, new byte[0]);
            return;
        }
        FunctionVersion version = served.version();
        if (version == null) {
            throw new LambdaApiException(ApiError.RESOURCE_NOT_FOUND, "Function not found: " + served.invokedArn());
        }
        if (type.equals("DryRun")) {
            response.getHeaders().put("X-Amz-Executed-Version", version.version());
            Responses.empty(response, callback, 204);
            return;
        }
        String traceId = headerOr(headers, "X-Amzn-Trace-Id", TraceIds.forRequest(requestId));
        Invocation invocation = new Invocation(requestId, new InvocationRequest(served.name(),
                served.invokedArn(), payload, clientContext, null, traceId, logType.equals("Tail")));
        try {
            version.pool().submit(invocation, SelectorThreads.of(request));
        } catch (ConcurrencyLimitExceeded e) {
            throw new LambdaApiException(ApiError.TOO_MANY_REQUESTS, e.getMessage(), e.reason());
        }
        response.getHeaders().put("X-Amz-Executed-Version", version.version());
        if (streaming) {
            EventStreamResponder.respond(invocation, response, callback, t -> ApiErrors.render(response, callback,
                    new LambdaApiException(ApiError.TOO_MANY_REQUESTS, "Rate Exceeded.", t.reason())));
            return;
        }
        // The buffered API collects a streamed response whole, as AWS's Invoke does.
        CompletableFuture<InvocationOutcome> buffered = invocation.outcome().thenCompose(outcome ->
                outcome instanceof InvocationOutcome.Streamed s
                        ? s.stream().collect(FunctionErrors.MAX_PAYLOAD_BYTES)
                        : CompletableFuture.completedFuture(outcome));
        if (invocation.request().tailLogs()) {
            invocation.settlement().thenCombine(buffered, (settled, outcome) -> {
                answer(outcome, Base64.getEncoder().encodeToString(settled.logTail()), response, callback);
                return null;
            });
        } else {
            buffered.thenAcceptAsync(outcome -> answer(outcome, null, response, callback), SelectorThreads.of(request));
        }
    }

    private void answer(InvocationOutcome outcome, String logTail, Response response, Callback callback) {
        if (logTail != null) {
            response.getHeaders().put("X-Amz-Log-Result", logTail);
        }
        switch (outcome) {
            case InvocationOutcome.Response r ->
                    Responses.send(response, callback, 200, "application/json", r.body());
            case InvocationOutcome.Failure f -> {
                response.getHeaders().put("X-Amz-Function-Error", "Unhandled");
                Responses.send(response, callback, 200, "application/json", f.body());
            }
            case InvocationOutcome.Throttled t -> ApiErrors.render(response, callback,
                    new LambdaApiException(ApiError.TOO_MANY_REQUESTS, "Rate Exceeded.", t.reason()));
            case InvocationOutcome.Streamed s -> throw new IllegalStateException("streams are collected before answering");
        }
    }

    private String clientContext(String header) throws LambdaApiException {
        if (header == null || header.isEmpty()) {
            return null;
        }
        if (header.length() > MAX_CLIENT_CONTEXT_BYTES) {
            throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE,
                    "Client context must be at most " + MAX_CLIENT_CONTEXT_BYTES + " bytes once base64-encoded");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException e) {
            throw new LambdaApiException(ApiError.INVALID_REQUEST_CONTENT,
                    "Client context must be a valid Base64-encoded JSON object.");
        }
        if (!validator.isJsonObject(decoded)) {
            throw new LambdaApiException(ApiError.INVALID_REQUEST_CONTENT,
                    "Client context must be a valid Base64-encoded JSON object.");
        }
        return new String(decoded, StandardCharsets.UTF_8);
    }

    private static String headerOr(HttpFields headers, String name, String fallback) {
        String value = headers.get(name);
        return value == null || value.isEmpty() ? fallback : value.trim();
    }
}
