package dev.overtime.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The response of a {@link StreamingHandler}, sent to the caller as it is written.
 *
 * <p>It is an {@link OutputStream} (rather than an interface of its own) so that it can be handed
 * to anything that writes to one: {@code input.transferTo(response)}, a JSON library, a
 * {@code PrintStream}. Unlike most output streams it does not buffer: <b>every write goes on the
 * wire at once, as one chunk</b>, because incremental delivery is its point. Wrap it in a
 * {@link java.io.BufferedOutputStream} to batch small writes yourself; note that
 * {@link #write(int)} sends a one-byte chunk.
 *
 * <p><b>Content type and HTTP responses.</b> {@link #setContentType} sets the stream's type
 * ({@code application/octet-stream} by default). {@link #setStatusCode}, {@link #setHeader} and
 * {@link #addCookie} make the response an HTTP response for a Function URL: the runtime then sends
 * a prelude with the status, headers and cookies before the first body byte. All of these must be
 * called before the first write; afterwards they throw {@link IllegalStateException}.
 *
 * <p><b>Ending.</b> {@link #close()} ends the response successfully (closing again does nothing);
 * {@link #fail(Throwable)} ends it with an error. After either, writes throw {@link IOException}.
 * A handler that returns without ending its response has it closed for it.
 *
 * <pre>{@code
 * response.setStatusCode(200);
 * response.setHeader("Content-Type", "text/html");
 * response.addCookie("session=abc; Secure; HttpOnly");
 * response.write("<p>first</p>");   // prelude and first chunk leave now
 * response.write("<p>second</p>");
 * response.close();
 * }</pre>
 *
 * <p>Instances are made by the runtime only; methods may be called from any thread, one at a time.
 */
public abstract class ResponseStream extends OutputStream {

    /** For the runtime; handlers receive their instance. */
    protected ResponseStream() {
    }

    /** Sends {@code len} bytes of {@code b} from {@code off} as one chunk, at once. Nothing is sent for zero bytes. */
    @Override
    public abstract void write(byte[] b, int off, int len) throws IOException;

    /** Sends {@code b} as one chunk, at once. */
    @Override
    public void write(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    /** Sends one byte as its own chunk. Prefer the array and string writes. */
    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /** Sends {@code text}, encoded as UTF-8, as one chunk, at once. */
    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Does nothing more than check the stream is open: every write is already on the wire. */
    @Override
    public abstract void flush() throws IOException;

    /**
     * Sets the response's content type; {@code application/octet-stream} if never called. For an
     * HTTP response it becomes its {@code Content-Type} header unless {@link #setHeader} set one.
     *
     * @throws IllegalStateException after the first write or once the response has ended
     */
    public abstract void setContentType(String contentType);

    /**
     * Makes this an HTTP response with the given status (200 if never called).
     *
     * @throws IllegalStateException after the first write or once the response has ended
     */
    public abstract void setStatusCode(int statusCode);

    /**
     * Makes this an HTTP response and sets one of its headers, replacing an earlier value of the same
     * name (names compare case-insensitively). A {@code Set-Cookie} header is added as a cookie.
     *
     * @throws IllegalStateException after the first write or once the response has ended
     */
    public abstract void setHeader(String name, String value);

    /**
     * Makes this an HTTP response and adds a cookie, as the value of a {@code Set-Cookie} header.
     *
     * @throws IllegalStateException after the first write or once the response has ended
     */
    public abstract void addCookie(String cookie);

    /**
     * Ends the response successfully. The handler may keep running afterwards; the environment
     * takes no new event until it returns. Closing an ended response does nothing.
     */
    @Override
    public abstract void close() throws IOException;

    /**
     * Ends the response with an error. Before anything was written it is reported as the
     * invocation's function error; afterwards the caller has received part of the body and the
     * error follows it (as {@code Lambda-Runtime-Function-Error-*} trailers).
     *
     * @throws IllegalStateException if the response has already ended
     */
    public abstract void fail(Throwable error) throws IOException;
}
