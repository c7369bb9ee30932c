package dev.overtime.platform.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.Trailers;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Invocable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BiConsumer;

/**
 * Reads a request body without blocking, keeping at most {@code limit} bytes but counting all of
 * them, and collecting trailers. Past the limit it keeps reading and discarding, so that a client
 * still sending can read the error response instead of a broken pipe.
 *
 * <p>The loop is Jetty's read/demand idiom: {@code read()} returns null when nothing is available,
 * then {@code demand} calls back when there is more; a last chunk ends the body, a failure chunk
 * fails it. The callback is non-blocking, so Jetty may run it on the selector thread: whoever
 * receives the body must not block either.
 *
 * <p>A caller's body must keep up a minimum rate: after {@link #GRACE_NANOS} it must have averaged
 * {@link #MIN_BYTES_PER_SECOND}, or the connection is closed. Why: the idle timeout restarts with every
 * byte, so a body trickled a byte at a time would hold its connection for as long as the sender likes
 * (slowloris on the body, where {@code HeaderDeadline} covers the head). A function's own bodies
 * ({@link #readFromFunction}) are bounded by its timeout instead.
 */
public final class BodyReader implements Invocable.Task {

    /** Past this many bytes a body is no longer drained; the connection is dropped instead. */
    private static final long DRAIN_CAP = 64L * 1024 * 1024;
    /** How long a caller's body may take before its rate is checked. */
    static final long GRACE_NANOS = 10_000_000_000L;
    /** The average rate a caller's body must keep after the grace: 6 MB, the largest, may take 100 minutes. */
    static final long MIN_BYTES_PER_SECOND = 1024;

    private final Request request;
    private final long limit;
    private final BiConsumer<Body, IOException> done;
    private ByteArrayOutputStream out;
    private long size;
    private HttpFields trailers = HttpFields.EMPTY;
    /** When reading began, for the caller's minimum rate; 0 where no rate applies. */
    private final long startedNanos;

    private BodyReader(Request request, long limit, BiConsumer<Body, IOException> done, boolean rated) {
        this.request = request;
        this.limit = limit;
        this.done = done;
        this.startedNanos = rated ? System.nanoTime() | 1 : 0;
    }

    /**
     * Reads a caller's body and then calls {@code done} with it, or with the I/O failure; a body that
     * falls below the minimum rate closes the connection and fails.
     */
    public static void read(Request request, long limit, BiConsumer<Body, IOException> done) {
        new BodyReader(request, limit, done, true).run();
    }

    /** Reads a body a function's runtime or extension sent, with no minimum rate. */
    public static void readFromFunction(Request request, long limit, BiConsumer<Body, IOException> done) {
        new BodyReader(request, limit, done, false).run();
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
                Throwable cause = chunk.getFailure();
                done.accept(null, cause instanceof IOException io ? io : new IOException(cause));
                return;
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            int n = buffer.remaining();
            if (n > 0 && size < limit) {
                if (out == null) {
                    long declared = request.getLength();
                    out = new ByteArrayOutputStream(declared > 0 && declared <= limit ? (int) declared : 1024);
                }
                int keep = (int) Math.min(n, limit - size);
                if (buffer.hasArray()) {
                    out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), keep);
                } else {
                    byte[] bytes = new byte[keep];
                    buffer.get(bytes);
                    out.write(bytes, 0, keep);
                }
            }
            size += n;
            if (chunk instanceof Trailers t) {
                trailers = t.getTrailers();
            }
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                done.accept(new Body(out == null ? new byte[0] : out.toByteArray(), size, trailers), null);
                return;
            }
            if (size > DRAIN_CAP) {
                done.accept(null, new IOException("request body larger than " + DRAIN_CAP + " bytes"));
                return;
            }
            if (tooSlow()) {
                request.getConnectionMetaData().getConnection().getEndPoint().close();
                done.accept(null, new IOException("the request body arrived slower than " + MIN_BYTES_PER_SECOND
                        + " bytes a second"));
                return;
            }
        }
    }

    private boolean tooSlow() {
        if (startedNanos == 0) {
            return false;
        }
        long elapsed = System.nanoTime() - startedNanos;
        return elapsed > GRACE_NANOS && size < MIN_BYTES_PER_SECOND * (elapsed / 1_000_000_000L);
    }
}
