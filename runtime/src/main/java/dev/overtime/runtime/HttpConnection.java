package dev.overtime.runtime;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One keep-alive HTTP/1.1 connection over a plain {@link Socket}, just enough for the Runtime API.
 *
 * <p>Why not {@code java.net.http.HttpClient} or {@code HttpURLConnection}: neither can send request
 * trailers, which response streaming needs, and both cost tens of milliseconds of class loading on
 * a cold JVM. This class speaks requests with a {@code Content-Length} body or a chunked body with
 * trailers, and reads responses with a {@code Content-Length}, chunked, or read-to-close body.
 *
 * <p>Not thread-safe: each runtime loop thread owns one. There is no read timeout, on purpose:
 * {@code /next} is a long poll that may block for as long as the function sits idle.
 */
final class HttpConnection implements Closeable {

    private static final int MAX_LINE = 64 * 1024;

    private final String host;
    private final int port;
    private final byte[] hostHeader;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    /** True once an exchange completed on the current socket: only then may a failure be a stale keep-alive. */
    private boolean reused;
    /** Set when the first byte of a response arrives: after that, a failed request must not be resent. */
    private boolean responseStarted;

    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;

    /** @param authority {@code host:port}, {@code [v6addr]:port}, or a bare host (port 80) */
    HttpConnection(String authority) {
        int colon = authority.lastIndexOf(':');
        boolean hasPort = colon > 0 && authority.indexOf(']', colon) < 0;
        String h = hasPort ? authority.substring(0, colon) : authority;
        this.port = hasPort ? Integer.parseInt(authority.substring(colon + 1)) : 80;
        this.host = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        this.hostHeader = ("Host: " + authority + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Sends one request and reads the whole response. A request that fails on a reused keep-alive
     * connection before any response byte arrived is resent once on a fresh connection: the server
     * closed the idle connection and never saw it.
     *
     * @param headers alternating names and values, without Host, Content-Length or Transfer-Encoding
     * @param body the request body, or {@code null} for none
     */
    Response send(String method, String target, String[] headers, byte[] body, int offset, int length)
            throws IOException {
        return transmit(head(method, target, headers, body == null ? -1 : length, null), body, offset, length, null);
    }

    /**
     * Sends a request and, in the same write, a bodiless follow-up request (HTTP/1.1 pipelining),
     * then reads only the first response. The follow-up's response must be read next, with
     * {@link #readFollowUp()}. One write instead of two round trips: the server reads both
     * requests in one wake-up.
     */
    Response sendWithFollowUp(String method, String target, String[] headers, byte[] body, int offset, int length,
                              String followMethod, String followTarget, String[] followHeaders) throws IOException {
        byte[] follow = head(followMethod, followTarget, followHeaders, -1, null);
        return transmit(head(method, target, headers, body == null ? -1 : length, null), body, offset, length, follow);
    }

    /** Reads the response to the follow-up request of {@link #sendWithFollowUp}. */
    Response readFollowUp() throws IOException {
        try {
            return readResponse();
        } catch (IOException e) {
            closeQuietly();
            throw e;
        }
    }

    private Response transmit(byte[] head, byte[] body, int offset, int length, byte[] follow) throws IOException {
        int bodyLength = body == null ? 0 : length;
        int followLength = follow == null ? 0 : follow.length;
        while (true) {
            connectIfNeeded();
            boolean mayRetry = reused;
            try {
                responseStarted = false;
                if (bodyLength <= buf.length) {
                    // One write, so head, a small body and any follow-up leave in one segment.
                    byte[] whole = new byte[head.length + bodyLength + followLength];
                    System.arraycopy(head, 0, whole, 0, head.length);
                    if (body != null) {
                        System.arraycopy(body, offset, whole, head.length, bodyLength);
                    }
                    if (follow != null) {
                        System.arraycopy(follow, 0, whole, head.length + bodyLength, followLength);
                    }
                    out.write(whole);
                } else {
                    out.write(head);
                    out.write(body, offset, length);
                    if (follow != null) {
                        out.write(follow);
                    }
                }
                out.flush();
                return readResponse();
            } catch (IOException e) {
                boolean retry = mayRetry && !responseStarted;
                closeQuietly();
                if (!retry) {
                    throw e;
                }
            }
        }
    }

    /**
     * Starts a request whose body is sent with chunked transfer encoding, for streaming. Write the
     * body to the returned stream, then {@link ChunkedBody#finish finish} it with optional trailers.
     *
     * @param trailerNames the trailer field names to announce in a {@code Trailer} header, or {@code null}
     */
    ChunkedBody sendChunked(String method, String target, String[] headers, String trailerNames)
            throws IOException {
        connectIfNeeded();
        byte[] head = head(method, target, headers, -2, trailerNames);
        try {
            out.write(head);
        } catch (IOException e) {
            closeQuietly();
            throw e;
        }
        return new ChunkedBody();
    }

    @Override
    public void close() {
        closeQuietly();
    }

    /** Whether a socket is currently open; for tests. */
    boolean isOpen() {
        return socket != null;
    }

    private void connectIfNeeded() throws IOException {
        if (socket != null) {
            return;
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(host, port));
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
        pos = 0;
        limit = 0;
        reused = false;
    }

    private void closeQuietly() {
        Socket s = socket;
        socket = null;
        in = null;
        out = null;
        pos = 0;
        limit = 0;
        reused = false;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Nothing left to release.
            }
        }
    }

    /** @param contentLength -1 for no body, -2 for a chunked body */
    private byte[] head(String method, String target, String[] headers, int contentLength, String trailerNames) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        byte[] start = sb.toString().getBytes(StandardCharsets.UTF_8);
        sb.setLength(0);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            sb.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (contentLength >= 0) {
            sb.append("Content-Length: ").append(contentLength).append("\r\n");
        } else if (contentLength == -2) {
            sb.append("Transfer-Encoding: chunked\r\n");
            if (trailerNames != null) {
                sb.append("Trailer: ").append(trailerNames).append("\r\n");
            }
        }
        sb.append("\r\n");
        byte[] rest = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[start.length + hostHeader.length + rest.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(hostHeader, 0, all, start.length, hostHeader.length);
        System.arraycopy(rest, 0, all, start.length + hostHeader.length, rest.length);
        return all;
    }

    private Response readResponse() throws IOException {
        while (true) {
            String statusLine = readLine();
            if (statusLine == null) {
                throw new EOFException("connection closed before a response arrived");
            }
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("malformed HTTP status line: " + statusLine);
            }
            int status;
            try {
                status = Integer.parseInt(statusLine.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("malformed HTTP status line: " + statusLine);
            }
            boolean http10 = statusLine.charAt(7) == '0';
            String[] headers = readHeaders();
            if (status >= 100 && status < 200) {
                continue; // interim response such as 100 Continue: the real one follows
            }
            Response response = new Response(status, headers, null);
            String connection = response.header("Connection");
            boolean keepAlive = http10 ? "keep-alive".equalsIgnoreCase(connection)
                    : !"close".equalsIgnoreCase(connection);
            byte[] body;
            String transferEncoding = response.header("Transfer-Encoding");
            String contentLength = response.header("Content-Length");
            if (status == 204 || status == 304) {
                body = new byte[0];
            } else if (transferEncoding != null && transferEncoding.toLowerCase().endsWith("chunked")) {
                body = readChunkedBody();
            } else if (contentLength != null) {
                long n;
                try {
                    n = Long.parseLong(contentLength.trim());
                } catch (NumberFormatException e) {
                    throw new IOException("malformed Content-Length: " + contentLength);
                }
                if (n < 0 || n > Integer.MAX_VALUE - 8) {
                    throw new IOException("unsupported Content-Length: " + contentLength);
                }
                body = new byte[(int) n];
                readFully(body, 0, body.length);
            } else {
                body = readToEnd();
                keepAlive = false;
            }
            if (keepAlive) {
                reused = true;
            } else {
                closeQuietly();
            }
            return new Response(status, headers, body);
        }
    }

    private String[] readHeaders() throws IOException {
        String[] headers = new String[16];
        int n = 0;
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new EOFException("connection closed inside the response headers");
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed HTTP header line: " + line);
            }
            if (n + 2 > headers.length) {
                String[] bigger = new String[headers.length * 2];
                System.arraycopy(headers, 0, bigger, 0, n);
                headers = bigger;
            }
            headers[n++] = line.substring(0, colon).trim();
            headers[n++] = line.substring(colon + 1).trim();
        }
        String[] exact = new String[n];
        System.arraycopy(headers, 0, exact, 0, n);
        return exact;
    }

    private byte[] readChunkedBody() throws IOException {
        byte[] body = new byte[0];
        int size = 0;
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            int semicolon = line.indexOf(';');
            String hex = (semicolon >= 0 ? line.substring(0, semicolon) : line).trim();
            int chunk;
            try {
                chunk = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + line);
            }
            if (chunk < 0 || size + (long) chunk > Integer.MAX_VALUE - 8) {
                throw new IOException("chunked body too large");
            }
            if (chunk == 0) {
                readHeaders(); // response trailers: the Runtime API sends none that matter
                return size == body.length ? body : Arrays.copyOf(body, size);
            }
            if (size + chunk > body.length) {
                body = Arrays.copyOf(body, Math.max(size + chunk, body.length * 2));
            }
            readFully(body, size, chunk);
            size += chunk;
            String end = readLine();
            if (end == null || !end.isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private byte[] readToEnd() throws IOException {
        byte[] body = new byte[Math.max(64, limit - pos)];
        int size = 0;
        while (true) {
            if (pos == limit && !fill()) {
                return Arrays.copyOf(body, size);
            }
            int n = limit - pos;
            if (size + n > body.length) {
                body = Arrays.copyOf(body, Math.max(size + n, body.length * 2));
            }
            System.arraycopy(buf, pos, body, size, n);
            size += n;
            pos = limit;
        }
    }

    private void readFully(byte[] dst, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == limit) {
                if (len >= buf.length) {
                    // Large bodies bypass the buffer.
                    int n = in.read(dst, off, len);
                    if (n < 0) {
                        throw new EOFException("connection closed inside a response body");
                    }
                    off += n;
                    len -= n;
                    continue;
                }
                if (!fill()) {
                    throw new EOFException("connection closed inside a response body");
                }
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Reads a CRLF- or LF-terminated line; null at end of stream before any byte of it. */
    private String readLine() throws IOException {
        byte[] spill = null;
        int spillLen = 0;
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    String line;
                    if (spill == null) {
                        line = line(buf, pos, i);
                    } else {
                        spill = append(spill, spillLen, buf, pos, i - pos);
                        line = line(spill, 0, spillLen + i - pos);
                    }
                    pos = i + 1;
                    return line;
                }
            }
            if (limit > pos) {
                spill = append(spill == null ? new byte[256] : spill, spillLen, buf, pos, limit - pos);
                spillLen += limit - pos;
                if (spillLen > MAX_LINE) {
                    throw new IOException("HTTP line longer than " + MAX_LINE + " bytes");
                }
            }
            pos = limit;
            if (!fill()) {
                if (spillLen == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside an HTTP line");
            }
        }
    }

    private static String line(byte[] b, int from, int to) {
        if (to > from && b[to - 1] == '\r') {
            to--;
        }
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    private static byte[] append(byte[] dst, int dstLen, byte[] src, int off, int len) {
        if (dstLen + len > dst.length) {
            dst = Arrays.copyOf(dst, Math.max(dstLen + len, dst.length * 2));
        }
        System.arraycopy(src, off, dst, dstLen, len);
        return dst;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        responseStarted = true;
        pos = 0;
        limit = n;
        return true;
    }

    /** A complete response. Header names compare case-insensitively, as HTTP requires. */
    static final class Response {
        final int status;
        private final String[] headers;
        final byte[] body;

        Response(int status, String[] headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        /** The first value of the named header, or null. */
        String header(String name) {
            for (int i = 0; i + 1 < headers.length; i += 2) {
                if (headers[i].equalsIgnoreCase(name)) {
                    return headers[i + 1];
                }
            }
            return null;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * The body of a chunked request in flight. Writes are buffered into chunks of up to 8 KiB;
     * {@link #flush()} sends what is buffered as one chunk right away.
     */
    final class ChunkedBody extends OutputStream {
        private final byte[] chunk = new byte[8192];
        private int count;
        private boolean finished;

        @Override
        public void write(int b) throws IOException {
            checkOpen();
            if (count == chunk.length) {
                sendChunk();
            }
            chunk[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            checkOpen();
            if (len > chunk.length - count) {
                sendChunk();
                if (len >= chunk.length) {
                    writeChunk(b, off, len);
                    return;
                }
            }
            System.arraycopy(b, off, chunk, count, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            checkOpen();
            sendChunk();
            out.flush();
        }

        /**
         * Ends the body, sends the trailers and reads the response.
         *
         * @param trailers alternating names and values, or an empty array
         */
        Response finish(String[] trailers) throws IOException {
            checkOpen();
            finished = true;
            try {
                sendChunk();
                StringBuilder sb = new StringBuilder("0\r\n");
                for (int i = 0; i + 1 < trailers.length; i += 2) {
                    sb.append(trailers[i]).append(": ").append(trailers[i + 1]).append("\r\n");
                }
                sb.append("\r\n");
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
                return readResponse();
            } catch (IOException e) {
                closeQuietly();
                throw e;
            }
        }

        /** Closing without {@link #finish} ends the body with no trailers and discards the response. */
        @Override
        public void close() throws IOException {
            if (!finished) {
                finish(new String[0]);
            }
        }

        private void checkOpen() throws IOException {
            if (finished || out == null) {
                throw new IOException("chunked request body already finished");
            }
        }

        private void sendChunk() throws IOException {
            if (count > 0) {
                writeChunk(chunk, 0, count);
                count = 0;
            }
        }

        private void writeChunk(byte[] b, int off, int len) throws IOException {
            byte[] size = Integer.toHexString(len).getBytes(StandardCharsets.US_ASCII);
            // One write per chunk: with TCP_NODELAY, each write may become its own segment.
            byte[] framed = new byte[size.length + 2 + len + 2];
            System.arraycopy(size, 0, framed, 0, size.length);
            framed[size.length] = '\r';
            framed[size.length + 1] = '\n';
            System.arraycopy(b, off, framed, size.length + 2, len);
            framed[framed.length - 2] = '\r';
            framed[framed.length - 1] = '\n';
            try {
                out.write(framed);
            } catch (IOException e) {
                finished = true;
                closeQuietly();
                throw e;
            }
        }
    }
}
