package dev.overtime.platform.invocation;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * A response the runtime is streaming: chunks handed from the Runtime API door to whichever door
 * the caller came through, one at a time, as they arrive.
 *
 * <p>The contract: the producer {@link #push pushes} a chunk with a {@code next} callback and
 * pushes nothing more until {@code next} runs; the subscriber calls {@code next} once it has
 * written the chunk (that is the back-pressure: a slow caller slows the runtime, bounded by one
 * chunk). The producer ends the stream with {@link #finish}, with a failure when the runtime
 * reported one in its trailers or the body broke. Chunks pushed before anyone subscribes wait.
 */
public final class StreamedResponse {

    /** The consumer side. Calls arrive one at a time, in order. */
    public interface Subscriber {
        void onChunk(ByteBuffer chunk, Runnable next);

        /** @param failure the error the stream ended with, or null when it ended normally */
        void onComplete(InvocationOutcome.Failure failure);

        /** The last chunk of a stream that ends normally; a subscriber may write it and the end at once. */
        default void onLastChunk(ByteBuffer chunk) {
            onChunk(chunk, () -> onComplete(null));
        }
    }

    private record Pending(ByteBuffer chunk, Runnable next) {
    }

    private final String contentType;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private Subscriber subscriber;
    private boolean finished;
    private InvocationOutcome.Failure failure;

    public StreamedResponse(String contentType) {
        this.contentType = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
    }

    public String contentType() {
        return contentType;
    }

    public void push(ByteBuffer chunk, Runnable next) {
        Subscriber s;
        synchronized (this) {
            if (subscriber == null) {
                pending.add(new Pending(chunk, next));
                return;
            }
            s = subscriber;
        }
        s.onChunk(chunk, next);
    }

    public void finish(InvocationOutcome.Failure error) {
        Subscriber s;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            failure = error;
            if (subscriber == null || !pending.isEmpty()) {
                return;
            }
            s = subscriber;
        }
        s.onComplete(error);
    }

    /**
     * Pushes the last chunk and ends the stream normally, in one step, so that the subscriber can
     * write both at once. Like {@link #push}, only once the previous chunk's {@code next} has run.
     */
    public void finishWith(ByteBuffer chunk) {
        Subscriber s;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            if (subscriber == null) {
                pending.add(new Pending(chunk, () -> { }));
                return;
            }
            s = subscriber;
        }
        s.onLastChunk(chunk);
    }

    /** Starts delivery to {@code s}: first what already arrived, then each chunk as it comes. */
    public void subscribe(Subscriber s) {
        Pending first;
        synchronized (this) {
            if (subscriber != null) {
                throw new IllegalStateException("a streamed response has one subscriber");
            }
            subscriber = s;
            first = pending.poll();
            if (first == null && !finished) {
                return;
            }
        }
        if (first == null) {
            s.onComplete(failure);
            return;
        }
        // At most one chunk waits: the producer pushes the next only after this one's callback.
        s.onChunk(first.chunk(), () -> {
            first.next().run();
            boolean done;
            synchronized (this) {
                done = finished && pending.isEmpty();
            }
            if (done) {
                s.onComplete(failure);
            }
        });
    }

    /** Collects the whole stream, for callers of the buffered Invoke API. */
    public CompletableFuture<InvocationOutcome> collect(long limit) {
        CompletableFuture<InvocationOutcome> result = new CompletableFuture<>();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        subscribe(new Subscriber() {
            private long size;

            @Override
            public void onChunk(ByteBuffer chunk, Runnable next) {
                size += chunk.remaining();
                if (size <= limit) {
                    byte[] bytes = new byte[chunk.remaining()];
                    chunk.get(bytes);
                    body.write(bytes, 0, bytes.length);
                }
                next.run();
            }

            @Override
            public void onComplete(InvocationOutcome.Failure failure) {
                if (failure != null) {
                    result.complete(failure);
                } else if (size > limit) {
                    result.complete(FunctionErrors.responseTooLarge(size));
                } else {
                    result.complete(new InvocationOutcome.Response(body.toByteArray(), contentType));
                }
            }
        });
        return result;
    }
}
