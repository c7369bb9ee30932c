package dev.overtime.platform.appsync.resolvers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.apigateway.FunctionCalls;
import dev.overtime.platform.appsync.DataSource;
import dev.overtime.platform.function.FunctionRegistry;
import dev.overtime.platform.function.FunctionTarget;
import dev.overtime.platform.invocation.RequestIds;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Sends a resolver's request to its data source: a Lambda function through the one invocation lifecycle
 * (synchronously, or as a durable Event invoke that answers null at once), NONE, or HTTP.
 */
public final class DataSourceCalls {

    /** AppSync's limit on one GraphQL request. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final java.util.function.Supplier<FunctionCalls> calls;
    private final FunctionRegistry functions;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param calls how functions are called; a supplier, since the APIs are built before the async queue that
     *              Event invokes need has started
     */
    public DataSourceCalls(java.util.function.Supplier<FunctionCalls> calls, FunctionRegistry functions) {
        this.calls = calls;
        this.functions = functions;
    }

    /**
     * @param near the thread that will go on with the answer (the caller's selector), or null
     */
    public CompletableFuture<DataSourceOutcome> call(DataSource source, Object request, Executor near) {
        try {
            return switch (source) {
                case DataSource.None none -> CompletableFuture.completedFuture(
                        DataSourceOutcome.of(request instanceof Map<?, ?> m ? m.get("payload") : null));
                case DataSource.Lambda lambda -> lambda(lambda, request, near);
                case DataSource.Http httpSource -> http(httpSource, request);
            };
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(DataSourceOutcome.failed(e.getMessage(), "DataSourceError"));
        }
    }

    private CompletableFuture<DataSourceOutcome> lambda(DataSource.Lambda source, Object request, Executor near) {
        if (!(request instanceof Map<?, ?> fields)) {
            return CompletableFuture.completedFuture(DataSourceOutcome.failed(
                    "A Lambda data source expects an object with 'operation' and 'payload'", "MappingTemplate"));
        }
        String operation = String.valueOf(fields.get("operation"));
        if (!operation.equals("Invoke") && !operation.equals("BatchInvoke")) {
            return CompletableFuture.completedFuture(DataSourceOutcome.failed("Unsupported operation '" + operation
                    + "'. Valid operations are Invoke and BatchInvoke.", "MappingTemplate"));
        }
        Object invocationType = fields.get("invocationType");
        boolean event = "Event".equals(invocationType);
        if (invocationType != null && !event && !"RequestResponse".equals(invocationType)) {
            return CompletableFuture.completedFuture(DataSourceOutcome.failed("Unsupported invocationType '"
                    + invocationType + "'. Valid values are RequestResponse and Event.", "MappingTemplate"));
        }
        boolean batch = operation.equals("BatchInvoke");
        Object payload = batch ? List.of(fields.get("payload")) : fields.get("payload");
        FunctionTarget target = new FunctionTarget(functions.find(source.functionName()).orElseThrow(() ->
                new IllegalStateException("the data source " + source.name() + " names " + source.functionName()
                        + ", which is not served")), source.qualifier());
        byte[] bytes = bytes(payload);
        String requestId = RequestIds.next();
        if (event) {
            // AppSync answers an Event invoke with null as soon as Lambda has accepted the event.
            return calls.get().enqueue(target, requestId, bytes)
                    .thenApply(ignored -> DataSourceOutcome.of(null))
                    .exceptionally(t -> DataSourceOutcome.failed("The event could not be queued: " + t.getMessage(),
                            "Lambda:ServiceException"));
        }
        return calls.get().call(target, requestId, bytes, REQUEST_TIMEOUT, false, near).thenApply(result -> switch (result) {
            case FunctionCalls.Result.Answered answered -> answered(answered.payload(), batch);
            case FunctionCalls.Result.Failed failed -> failure(failed.errorPayload());
            case FunctionCalls.Result.Throttled t -> DataSourceOutcome.failed("Rate Exceeded.",
                    "Lambda:TooManyRequestsException");
            case FunctionCalls.Result.TimedOut t -> DataSourceOutcome.failed("Execution timed out.",
                    "ExecutionTimeout");
            case FunctionCalls.Result.Streamed s -> DataSourceOutcome.failed("a streamed response cannot answer "
                    + "a GraphQL field", "Lambda:Unhandled");
        });
    }

    private DataSourceOutcome answered(byte[] payload, boolean batch) {
        Object value;
        try {
            value = payload.length == 0 ? null : json.readValue(payload, Object.class);
        } catch (IOException e) {
            return DataSourceOutcome.failed("The function's response is not valid JSON.", "Lambda:Unhandled");
        }
        if (!batch) {
            return DataSourceOutcome.of(value);
        }
        if (!(value instanceof List<?> items) || items.size() != 1) {
            return DataSourceOutcome.failed("A BatchInvoke function must return one item per request, in order.",
                    "Lambda:Unhandled");
        }
        Object item = items.getFirst();
        if (item instanceof Map<?, ?> m && (m.containsKey("errorMessage") || m.containsKey("errorType"))
                && m.containsKey("data")) {
            return m.get("errorMessage") == null ? DataSourceOutcome.of(m.get("data"))
                    : DataSourceOutcome.failed(String.valueOf(m.get("errorMessage")),
                    String.valueOf(m.get("errorType")));
        }
        return DataSourceOutcome.of(item);
    }

    private DataSourceOutcome failure(byte[] errorPayload) {
        String message = "The function failed.";
        try {
            if (json.readValue(errorPayload, Object.class) instanceof Map<?, ?> error
                    && error.get("errorMessage") != null) {
                message = String.valueOf(error.get("errorMessage"));
            }
        } catch (IOException e) {
            message = new String(errorPayload, StandardCharsets.UTF_8);
        }
        return DataSourceOutcome.failed(message, "Lambda:Unhandled");
    }

    private CompletableFuture<DataSourceOutcome> http(DataSource.Http source, Object request) {
        if (!(request instanceof Map<?, ?> fields) || fields.get("resourcePath") == null) {
            return CompletableFuture.completedFuture(DataSourceOutcome.failed(
                    "An HTTP data source expects an object with 'method' and 'resourcePath'", "MappingTemplate"));
        }
        Map<?, ?> params = fields.get("params") instanceof Map<?, ?> p ? p : Map.of();
        StringBuilder uri = new StringBuilder(source.endpoint().replaceAll("/+$", ""))
                .append(fields.get("resourcePath"));
        if (params.get("query") instanceof Map<?, ?> query && !query.isEmpty()) {
            String sep = "?";
            for (Map.Entry<?, ?> q : query.entrySet()) {
                uri.append(sep).append(encode(q.getKey())).append('=').append(encode(q.getValue()));
                sep = "&";
            }
        }
        Object body = params.get("body");
        byte[] bodyBytes = body == null ? new byte[0]
                : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : bytes(body);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(REQUEST_TIMEOUT)
                .method(String.valueOf(fields.get("method") == null ? "GET" : fields.get("method")),
                        bodyBytes.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(bodyBytes));
        if (params.get("headers") instanceof Map<?, ?> headers) {
            headers.forEach((k, v) -> builder.header(String.valueOf(k), String.valueOf(v)));
        }
        return http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString()).handle((response, failed) -> {
            if (failed != null) {
                return DataSourceOutcome.failed("The HTTP endpoint could not be reached: " + failed.getMessage(),
                        "HttpError");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("statusCode", response.statusCode());
            Map<String, Object> headers = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> headers.put(k, String.join(",", v)));
            result.put("headers", headers);
            result.put("body", response.body());
            return DataSourceOutcome.of(result);
        });
    }

    private static String encode(Object value) {
        return java.net.URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the request's payload cannot be written as JSON", e);
        }
    }
}
