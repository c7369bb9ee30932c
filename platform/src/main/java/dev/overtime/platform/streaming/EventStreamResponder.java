package dev.overtime.platform.streaming;

import dev.overtime.platform.invocation.Invocation;
import dev.overtime.platform.invocation.InvocationOutcome;
import dev.overtime.platform.invocation.Settlement;
import dev.overtime.platform.invocation.StreamedResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Answers InvokeWithResponseStream: HTTP 200 with the function's content type, one
 * {@code PayloadChunk} per chunk the runtime sends, written the moment it arrives, then
 * {@code InvokeComplete}. A buffered response becomes one chunk; a function error ends the stream
 * with its error code. A caller that disconnects stops receiving, but the runtime's stream is still
 * drained, so the environment finishes normally.
 */
public final class EventStreamResponder {
    private EventStreamResponder() {
    }

    /**
     * @param throttled how to answer when the invocation was throttled after all (a 429)
     */
    public static void respond(Invocation invocation, Response response, Callback callback,
                               Consumer<InvocationOutcome.Throttled> throttled) {
        invocation.outcome().thenAccept(outcome -> {
            switch (outcome) {
                case InvocationOutcome.Throttled t -> throttled.accept(t);
                case InvocationOutcome.Response r -> {
                    start(response, r.contentType());
                    response.write(false, EventStreamFrames.payloadChunk(ByteBuffer.wrap(r.body())),
                            Callback.from(() -> complete(invocation, null, response, callback), callback::failed));
                }
                case InvocationOutcome.Failure f -> {
                    start(response, "application/json");
                    complete(invocation, f, response, callback);
                }
                case InvocationOutcome.Streamed s -> {
                    start(response, s.stream().contentType());
                    relay(invocation, s.stream(), response, callback);
                }
            }
        });
    }

    private static void start(Response response, String contentType) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType == null ? "application/json" : contentType);
    }

    private static void relay(Invocation invocation, StreamedResponse stream, Response response, Callback callback) {
        stream.subscribe(new StreamedResponse.Subscriber() {
            private volatile boolean callerGone;

            @Override
            public void onChunk(ByteBuffer chunk, Runnable next) {
                if (callerGone) {
                    next.run();
                    return;
                }
                response.write(false, EventStreamFrames.payloadChunk(chunk), Callback.from(next, failure -> {
                    callerGone = true;
                    next.run();
                }));
            }

            @Override
            public void onComplete(InvocationOutcome.Failure failure) {
                if (callerGone) {
                    callback.failed(new java.io.IOException("the caller disconnected"));
                    return;
                }
                complete(invocation, failure, response, callback);
            }
        });
    }

    private static void complete(Invocation invocation, InvocationOutcome.Failure failure, Response response,
                                 Callback callback) {
        CompletableFuture<String> log = invocation.request().tailLogs()
                ? invocation.settlement().thenApply(EventStreamResponder::encodedTail)
                : CompletableFuture.completedFuture(null);
        log.thenAccept(tail -> response.write(true, EventStreamFrames.invokeComplete(
                failure == null ? null : failure.errorType(),
                failure == null ? null : new String(failure.body(), StandardCharsets.UTF_8), tail), callback));
    }

    private static String encodedTail(Settlement settled) {
        return Base64.getEncoder().encodeToString(settled.logTail());
    }
}
