package dev.overtime.platform.webapp;

import dev.overtime.platform.environment.Environment;
import dev.overtime.platform.environment.Worker;
import dev.overtime.platform.invocation.FunctionErrors;
import dev.overtime.platform.invocation.Invocation;
import dev.overtime.platform.invocation.InvocationOutcome;
import dev.overtime.platform.invocation.InvocationRequest;
import dev.overtime.platform.invocation.StreamedResponse;
import dev.overtime.webadapter.RuntimeClient;
import dev.overtime.webadapter.RuntimeEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * The Runtime API's calls answered by the environment's pool itself, as the Runtime API door does
 * for an HTTP runtime: {@code next} parks a {@link Worker} (behind the extensions' gate, as
 * {@code /next} is), a response or error answers the invocation, and a stream feeds a
 * {@link StreamedResponse}. Used by one invoke loop, on its own thread.
 */
final class PoolRuntimeClient implements RuntimeClient {

    /** A worker's home: none of the selectors, so the pool has no thread to prefer it for. */
    private static final Executor NO_SELECTOR = Runnable::run;

    private final Environment env;
    private final long maxStreamedBytes;
    private volatile CompletableFuture<Invocation> waiting;
    private volatile InvocationStream streaming;
    private volatile boolean closed;
    private Invocation current;

    PoolRuntimeClient(Environment env, long maxStreamedBytes) {
        this.env = env;
        this.maxStreamedBytes = maxStreamedBytes;
    }

    @Override
    public RuntimeEvent next() throws IOException {
        CompletableFuture<Invocation> taken = new CompletableFuture<>();
        waiting = taken;
        if (closed) {
            throw stopped();
        }
        Worker worker = new Worker(env, NO_SELECTOR, taken::complete);
        env.extensions().whenAllWaiting(() -> env.pool().workerReady(worker));
        try {
            current = taken.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopped();
        } catch (ExecutionException e) {
            throw stopped();
        }
        Invocation inv = current;
        InvocationRequest req = inv.request();
        return new RuntimeEvent(inv.requestId(), inv.deadlineEpochMillis(), req.invokedArn(), req.traceId(),
                req.clientContext(), req.cognitoIdentity(), null, req.payload());
    }

    @Override
    public RuntimeEvent respondThenNext(String requestId, byte[] body) throws IOException {
        answer(new InvocationOutcome.Response(body, "application/json"));
        return next();
    }

    @Override
    public void error(String requestId, String errorType, String message) {
        answer(FunctionErrors.fromRuntime(errorType, RuntimeClient.errorBody(errorType, message)));
    }

    @Override
    public OutputStream startStream(String requestId) {
        StreamedResponse stream = new StreamedResponse(STREAMING_CONTENT_TYPE);
        InvocationStream out = new InvocationStream(stream, maxStreamedBytes, answer(new InvocationOutcome.Streamed(stream)));
        streaming = out;
        return out;
    }

    @Override
    public RuntimeEvent finishStreamThenNext(String requestId, OutputStream stream, String... trailers)
            throws IOException {
        InvocationStream out = (InvocationStream) stream;
        streaming = null;
        out.finish(trailerFailure(trailers));
        return next();
    }

    /** Answers the current invocation; false when it had already ended (a timeout, say), which is logged. */
    private boolean answer(InvocationOutcome outcome) {
        if (env.answer(current, outcome)) {
            return true;
        }
        env.log().line("[lambda-adapter] WARN the answer to " + current.requestId()
                + " came after the invocation had ended; dropped");
        return false;
    }

    private static InvocationOutcome.Failure trailerFailure(String... trailers) {
        String type = null;
        byte[] body = new byte[0];
        for (int i = 0; i + 1 < trailers.length; i += 2) {
            if (trailers[i].equalsIgnoreCase(ERROR_TYPE_HEADER)) {
                type = trailers[i + 1];
            } else if (trailers[i].equalsIgnoreCase(ERROR_BODY_TRAILER)) {
                body = java.util.Base64.getDecoder().decode(trailers[i + 1]);
            }
        }
        return type == null ? null : FunctionErrors.fromRuntime(type, body);
    }

    private static IOException stopped() {
        return new IOException("the execution environment stopped");
    }

    /** Ends a parked {@code next} and a stream waiting for its caller: the environment is gone. */
    @Override
    public void close() {
        closed = true;
        CompletableFuture<Invocation> w = waiting;
        if (w != null) {
            w.completeExceptionally(stopped());
        }
        InvocationStream s = streaming;
        if (s != null) {
            s.abandon();
        }
    }
}
