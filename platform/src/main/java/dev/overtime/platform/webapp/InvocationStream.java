package dev.overtime.platform.webapp;

import dev.overtime.platform.invocation.FunctionErrors;
import dev.overtime.platform.invocation.InvocationOutcome;
import dev.overtime.platform.invocation.StreamedResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A streamed answer written by the adapter's invoke loop into a {@link StreamedResponse}: bytes are
 * held until {@link #flush()}, which pushes them as one chunk and waits until the caller's door has
 * taken it (the stream's back-pressure, as a runtime's HTTP body has). Past the streamed-response
 * limit the stream fails as the Runtime API fails it, and the rest is dropped.
 */
final class InvocationStream extends OutputStream {

    private final StreamedResponse stream;
    private final long limit;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream(8192);
    private long size;
    /** Nothing more reaches the caller: the answer was refused, the stream was too large, or it ended. */
    private boolean ended;
    private volatile CompletableFuture<Void> taken = CompletableFuture.completedFuture(null);

    /** @param answered whether the stream is the invocation's answer; if not, what is written is dropped */
    InvocationStream(StreamedResponse stream, long limit, boolean answered) {
        this.stream = stream;
        this.limit = limit;
        this.ended = !answered;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return;
        }
        size += len;
        if (size > limit) {
            held.reset();
            ended = true;
            stream.finish(FunctionErrors.responseTooLarge(size));
            return;
        }
        held.write(b, off, len);
    }

    /** Pushes what is held as one chunk and waits until the caller's door has taken it. */
    @Override
    public void flush() throws IOException {
        if (ended || held.size() == 0) {
            return;
        }
        CompletableFuture<Void> next = new CompletableFuture<>();
        taken = next;
        stream.push(ByteBuffer.wrap(held.toByteArray()), () -> next.complete(null));
        held.reset();
        try {
            next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the execution environment stopped");
        } catch (ExecutionException e) {
            throw new IOException("the execution environment stopped", e.getCause());
        }
    }

    /** Ends the stream, with {@code failure} when the app's body broke off; what is held leaves with the end. */
    void finish(InvocationOutcome.Failure failure) throws IOException {
        if (ended) {
            return;
        }
        if (failure != null) {
            flush();
            ended = true;
            stream.finish(failure);
            return;
        }
        ended = true;
        stream.finishWith(ByteBuffer.wrap(held.toByteArray()));
        held.reset();
    }

    /** The environment is gone: a flush waiting for the caller returns. */
    void abandon() {
        taken.completeExceptionally(new IOException("the execution environment stopped"));
    }
}
