package dev.overtime.platform.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.Trailers;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Reads a request body on the calling (virtual) thread, keeping at most {@code limit} bytes but
 * counting all of them, and collecting trailers. Past the limit it keeps reading and discarding so
 * that the client, which is still sending, can read the error response instead of a broken pipe.
 *
 * <p>The loop is Jetty's read/demand idiom: {@code read()} returns null when nothing is available,
 * then {@code demand} says when to read again; a last chunk ends the body, a failure chunk fails it.
 */
public final class BodyReader {

    /** Past this many bytes a body is no longer drained; the connection is dropped instead. */
    private static final long DRAIN_CAP = 64L * 1024 * 1024;

    private BodyReader() {
    }

    public static Body read(Request request, long limit) throws IOException {
        long declared = request.getLength();
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 && declared <= limit ? (int) declared : 1024);
        long size = 0;
        HttpFields trailers = HttpFields.EMPTY;
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                awaitDemand(request);
                continue;
            }
            if (Content.Chunk.isFailure(chunk)) {
                Throwable cause = chunk.getFailure();
                throw cause instanceof IOException io ? io : new IOException(cause);
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            int n = buffer.remaining();
            if (n > 0 && size + n <= limit) {
                byte[] bytes = new byte[n];
                buffer.get(bytes);
                out.write(bytes, 0, n);
            } else if (n > 0 && size < limit) {
                byte[] bytes = new byte[(int) (limit - size)];
                buffer.get(bytes);
                out.write(bytes, 0, bytes.length);
            }
            size += n;
            if (chunk instanceof Trailers t) {
                trailers = t.getTrailers();
            }
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                break;
            }
            if (size > DRAIN_CAP) {
                throw new IOException("request body larger than " + DRAIN_CAP + " bytes");
            }
        }
        return new Body(out.toByteArray(), size, trailers);
    }

    private static void awaitDemand(Request request) throws IOException {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        request.demand(() -> ready.complete(null));
        try {
            ready.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the request body", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }
}
