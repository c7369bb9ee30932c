package dev.overtime.platform.runtimeapi;

import dev.overtime.platform.environment.Environment;
import dev.overtime.platform.environment.Worker;
import dev.overtime.platform.http.Body;
import dev.overtime.platform.http.BodyReader;
import dev.overtime.platform.http.CoalescingEndPoint;
import dev.overtime.platform.http.SelectorThreads;
import dev.overtime.platform.invocation.FunctionErrors;
import dev.overtime.platform.invocation.Invocation;
import dev.overtime.platform.invocation.InvocationOutcome;
import dev.overtime.platform.invocation.InvocationRequest;
import dev.overtime.platform.invocation.StreamedResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * The Runtime API 2018-06-01 route table, one environment at a time.
 *
 * <pre>
 * GET  /2018-06-01/runtime/invocation/next          park a worker; the event is written when one is dispatched
 * POST /2018-06-01/runtime/invocation/{id}/response 202; 400 InvalidRequestID; 403 InvalidStateTransition; 413
 * POST /2018-06-01/runtime/invocation/{id}/error    202; 400; 403
 * POST /2018-06-01/runtime/init/error               202; 403 once initialized
 * </pre>
 * Validation happens before any state transition, so a rejected request changes nothing.
 */
final class RuntimeApiRoutes {

    private static final String INVOCATION = "/2018-06-01/runtime/invocation/";
    private static final String NEXT = INVOCATION + "next";
    private static final String INIT_ERROR = "/2018-06-01/runtime/init/error";
    static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";
    static final String RESPONSE_MODE_HEADER = "Lambda-Runtime-Function-Response-Mode";

    /** A streamed response is up to 200 MB by default, as on AWS since 2025. */
    private final long maxStreamedBytes;
    /** Set when streams are shaped to AWS's bandwidth: where they wait. */
    private final java.util.concurrent.ScheduledExecutorService shapingTimers;

    RuntimeApiRoutes(long maxStreamedBytes, java.util.concurrent.ScheduledExecutorService shapingTimers) {
        this.maxStreamedBytes = maxStreamedBytes;
        this.shapingTimers = shapingTimers;
    }

    void handle(Environment env, Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (path.equals(NEXT)) {
            if (!method.equals("GET")) {
                RuntimeApiErrors.methodNotAllowed(response, callback);
                return;
            }
            next(env, request, response, callback);
        } else if (path.equals(INIT_ERROR)) {
            if (!method.equals("POST")) {
                RuntimeApiErrors.methodNotAllowed(response, callback);
                return;
            }
            initError(env, request, response, callback);
        } else if (path.startsWith(INVOCATION) && method.equals("POST")) {
            String rest = path.substring(INVOCATION.length());
            int slash = rest.indexOf('/');
            String requestId = slash < 0 ? "" : rest.substring(0, slash);
            String action = slash < 0 ? rest : rest.substring(slash + 1);
            switch (action) {
                case "response" -> answer(env, requestId, request, response, callback, false);
                case "error" -> answer(env, requestId, request, response, callback, true);
                default -> RuntimeApiErrors.notFound(response, callback, path);
            }
        } else {
            RuntimeApiErrors.notFound(response, callback, path);
        }
    }

    private void next(Environment env, Request request, Response response, Callback callback) {
        // Written from the connection's own selector thread, whoever dispatches the event: the
        // dispatcher (a caller's selector, the event store's writer) is then free at once.
        java.util.concurrent.Executor connectionThread = SelectorThreads.of(request);
        Worker worker = new Worker(env, connectionThread, invocation -> connectionThread.execute(
                () -> writeEvent(invocation, response, callback)));
        // The pool hears of this /next only once every extension asked for its next event too: that
        // is what ends init and settles an invocation (AWS's freeze rule).
        env.extensions().whenAllWaiting(() -> workerReady(env, worker, response, callback));
    }

    private static void workerReady(Environment env, Worker worker, Response response, Callback callback) {
        try {
            env.pool().workerReady(worker);
        } catch (IllegalStateException unanswered) {
            RuntimeApiErrors.send(response, callback, 403, "InvalidStateTransition",
                    "State transition from RuntimeInvokeReceived to RuntimeReady failed: invocation "
                            + unanswered.getMessage() + " was neither answered nor failed; post /response or /error first");
        }
    }

    private static void writeEvent(Invocation invocation, Response response, Callback callback) {
        InvocationRequest req = invocation.request();
        HttpFields.Mutable headers = response.getHeaders();
        headers.put("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.put("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMillis()));
        headers.put("Lambda-Runtime-Invoked-Function-Arn", req.invokedArn());
        if (req.traceId() != null) {
            headers.put("Lambda-Runtime-Trace-Id", req.traceId());
        }
        if (req.clientContext() != null) {
            headers.put("Lambda-Runtime-Client-Context", req.clientContext());
        }
        if (req.cognitoIdentity() != null) {
            headers.put("Lambda-Runtime-Cognito-Identity", req.cognitoIdentity());
        }
        headers.put(HttpHeader.CONTENT_TYPE, "application/json");
        headers.put(HttpHeader.CONTENT_LENGTH, req.payload().length);
        response.setStatus(200);
        response.write(true, ByteBuffer.wrap(req.payload()), callback);
    }

    private void answer(Environment env, String requestId, Request request, Response response, Callback callback,
                        boolean isError) {
        Invocation invocation;
        switch (env.lookup(requestId)) {
            case Environment.Lookup.Unknown u -> {
                afterDrain(request, () -> RuntimeApiErrors.send(response, callback, 400, "InvalidRequestID",
                        "Invalid request ID: " + (requestId.isEmpty() ? "(empty)" : requestId)));
                return;
            }
            case Environment.Lookup.AlreadyAnswered a -> {
                afterDrain(request, () -> RuntimeApiErrors.invalidTransition(response, callback, requestId));
                return;
            }
            case Environment.Lookup.InFlight f -> invocation = f.invocation();
        }
        String mode = request.getHeaders().get(RESPONSE_MODE_HEADER);
        if (!isError && mode != null && !mode.equalsIgnoreCase("streaming")) {
            afterDrain(request, () -> {
                env.answer(invocation, FunctionErrors.failure("Runtime.InvalidResponseModeHeader", requestId,
                        "Invalid response mode header value: " + mode));
                RuntimeApiErrors.send(response, callback, 400, "InvalidFunctionResponseMode",
                        "Invalid function response mode: " + mode + " (the only value allowed is streaming)");
            });
            return;
        }
        if (!isError && mode != null) {
            stream(env, invocation, requestId, request, response, callback);
            return;
        }
        BodyReader.readFromFunction(request, FunctionErrors.MAX_PAYLOAD_BYTES, (body, truncated) -> {
            if (truncated != null) {
                env.answer(invocation, FunctionErrors.failure("Runtime.TruncatedResponse", requestId,
                        "the runtime's response body was cut off: " + truncated.getMessage()));
                RuntimeApiErrors.send(response, callback, 400, "TruncatedHTTPRequest",
                        "The request body ended early: " + truncated.getMessage());
                return;
            }
            if (body.exceeded(FunctionErrors.MAX_PAYLOAD_BYTES)) {
                env.answer(invocation, FunctionErrors.responseTooLarge(body.size()));
                RuntimeApiErrors.send(response, callback, 413, "RequestEntityTooLarge",
                        "Exceeded maximum allowed payload size (" + FunctionErrors.MAX_PAYLOAD_BYTES + " bytes).");
                return;
            }
            InvocationOutcome outcome = isError
                    ? FunctionErrors.fromRuntime(request.getHeaders().get(ERROR_TYPE_HEADER), body.bytes())
                    : trailerError(body).orElseGet(() -> new InvocationOutcome.Response(body.bytes(),
                    request.getHeaders().get(HttpHeader.CONTENT_TYPE)));
            if (!env.answer(invocation, outcome)) {
                RuntimeApiErrors.invalidTransition(response, callback, requestId);
                return;
            }
            // A runtime that pipelined its next /next gets this 202 with its next event.
            CoalescingEndPoint.holdNextAnswer(request);
            RuntimeApiErrors.accepted(response, callback);
        });
    }


    /**
     * A streamed response: the caller is released at once with a {@link StreamedResponse}, and the
     * body is forwarded as it arrives. The runtime's own answer (202, or 413 past the limit) comes
     * once its body has ended.
     */
    private void stream(Environment env, Invocation invocation, String requestId, Request request,
                        Response response, Callback callback) {
        StreamedResponse stream = new StreamedResponse(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        if (!env.answer(invocation, new InvocationOutcome.Streamed(stream))) {
            afterDrain(request, () -> RuntimeApiErrors.invalidTransition(response, callback, requestId));
            return;
        }
        StreamedBodyReader.forward(request, stream, maxStreamedBytes, shapingTimers, outcome -> {
            switch (outcome) {
                case COMPLETE -> RuntimeApiErrors.accepted(response, callback);
                case TOO_LARGE -> RuntimeApiErrors.send(response, callback, 413, "RequestEntityTooLarge",
                        "Exceeded maximum allowed payload size (" + maxStreamedBytes + " bytes).");
                case TRUNCATED -> RuntimeApiErrors.send(response, callback, 400, "TruncatedHTTPRequest",
                        "The streamed response ended early");
            }
        });
    }

    /** A streamed response that failed midway declares the error in trailers. */
    private static java.util.Optional<InvocationOutcome> trailerError(Body body) {
        return java.util.Optional.ofNullable(trailerFailure(body.trailers()));
    }

    /** The error declared in {@code Lambda-Runtime-Function-Error-*} trailers, or null. */
    static InvocationOutcome.Failure trailerFailure(HttpFields trailers) {
        String type = trailers.get(ERROR_TYPE_HEADER);
        if (type == null) {
            return null;
        }
        String encoded = trailers.get("Lambda-Runtime-Function-Error-Body");
        byte[] decoded = new byte[0];
        if (encoded != null) {
            try {
                decoded = java.util.Base64.getDecoder().decode(encoded.trim());
            } catch (IllegalArgumentException notBase64) {
                decoded = encoded.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return FunctionErrors.fromRuntime(type, decoded);
    }

    private void initError(Environment env, Request request, Response response, Callback callback) {
        if (env.state() != dev.overtime.platform.environment.EnvironmentState.STARTING) {
            afterDrain(request, () -> RuntimeApiErrors.send(response, callback, 403, "InvalidStateTransition",
                    "State transition from " + env.state() + " to InitError failed: init has already completed"));
            return;
        }
        BodyReader.readFromFunction(request, FunctionErrors.MAX_PAYLOAD_BYTES, (body, failed) -> {
            byte[] bytes = body == null ? new byte[0] : body.bytes();
            env.initFailed(FunctionErrors.fromRuntime(request.getHeaders().get(ERROR_TYPE_HEADER), bytes));
            RuntimeApiErrors.accepted(response, callback);
        });
    }

    /** Reads and drops the body, then answers: the answer is an error either way. */
    private static void afterDrain(Request request, Runnable answer) {
        BodyReader.readFromFunction(request, 0, (body, failed) -> answer.run());
    }
}
