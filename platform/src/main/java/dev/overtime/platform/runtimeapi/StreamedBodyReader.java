package dev.overtime.platform.runtimeapi;

import dev.overtime.platform.invocation.FunctionErrors;
import dev.overtime.platform.invocation.InvocationOutcome;
import dev.overtime.platform.invocation.StreamedResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.Trailers;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Invocable;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Forwards a streamed runtime response into a {@link StreamedResponse} chunk by chunk, as Jetty
 * reads it: each chunk is copied and pushed, and the next read waits until the caller's door has
 * taken it. At the end the trailers decide how the stream finishes.
 */
final class StreamedBodyReader implements Invocable.Task {

    private final Request request;
    private final StreamedResponse stream;
    private final long limit;
    private final Consumer<Outcome> done;
    private long size;
    /** An error a runtime wrote in-band, as a data chunk; the stream ends with it. */
    private InvocationOutcome.Failure inBandError;

    /** How the body ended, for the Runtime API's own answer to the runtime. */
    enum Outcome { COMPLETE, TOO_LARGE, TRUNCATED }

    private final java.util.concurrent.ScheduledExecutorService shapingTimers;
    private final StreamShaper shaper;

    private StreamedBodyReader(Request request, StreamedResponse stream, long limit,
                               java.util.concurrent.ScheduledExecutorService shapingTimers, Consumer<Outcome> done) {
        this.request = request;
        this.stream = stream;
        this.limit = limit;
        this.done = done;
        this.shapingTimers = shapingTimers;
        this.shaper = shapingTimers == null ? null : new StreamShaper(System.nanoTime());
    }

    /** @param shapingTimers non-null to shape the stream to AWS's bandwidth */
    static void forward(Request request, StreamedResponse stream, long limit,
                        java.util.concurrent.ScheduledExecutorService shapingTimers, Consumer<Outcome> done) {
        new StreamedBodyReader(request, stream, limit, shapingTimers, done).run();
    }

    /** Reads on, at once or after the wait shaping asks for. */
    private void resume(long forwarded) {
        long wait = shaper == null ? 0 : shaper.delayNanos(forwarded, System.nanoTime());
        if (wait > 0) {
            shapingTimers.schedule(this, wait, java.util.concurrent.TimeUnit.NANOSECONDS);
        } else {
            run();
        }
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                stream.finish(FunctionErrors.failure("Runtime.TruncatedResponse", "-",
                        "the runtime's streamed response was cut off: " + chunk.getFailure().getMessage()));
                done.accept(Outcome.TRUNCATED);
                return;
            }
            ByteBuffer data = chunk.getByteBuffer();
            boolean last = chunk.isLast();
            HttpFields trailers = chunk instanceof Trailers t ? t.getTrailers() : null;
            size += data.remaining();
            if (size > limit) {
                chunk.release();
                stream.finish(FunctionErrors.responseTooLarge(size));
                done.accept(Outcome.TOO_LARGE);
                return;
            }
            if (data.hasRemaining() && inBandError == null) {
                inBandError = InBandStreamError.parse(data);
            }
            if (data.hasRemaining() && inBandError == null) {
                ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
                int forwarded = copy.remaining();
                chunk.release();
                stream.push(copy, () -> {
                    if (last) {
                        end(trailers);
                    } else {
                        resume(forwarded);
                    }
                });
                return;
            }
            chunk.release();
            if (last) {
                end(trailers);
                return;
            }
        }
    }

    private void end(HttpFields trailers) {
        InvocationOutcome.Failure failure = trailers == null ? null : RuntimeApiRoutes.trailerFailure(trailers);
        stream.finish(failure != null ? failure : inBandError);
        done.accept(Outcome.COMPLETE);
    }
}
