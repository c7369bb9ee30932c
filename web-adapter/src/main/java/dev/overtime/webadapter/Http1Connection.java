package dev.overtime.webadapter;

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
 * One keep-alive HTTP/1.1 client connection over a plain {@link Socket}: to the web app, and to
 * the Runtime and Extensions APIs.
 *
 * <p>Requests have a {@code Content-Length} body or a chunked body with trailers; a request and a
 * bodiless follow-up may leave in one write (pipelining). A response's head is read eagerly and
 * its body is a {@link Body} stream (length, chunked or read-to-close) that hands out what has
 * arrived, so a streamed body can be relayed chunk by chunk. The body must be read to its end (or
 * the connection {@link #close closed}) before the next request.
 *
 * <p>Why not {@code java.net.http.HttpClient}: it costs tens of milliseconds of class loading on a
 * cold JVM and an executor hand-off per exchange, and it cannot send request trailers, which a
 * failed response stream needs. Not thread-safe: each invoke loop owns its connections.
 */
final class Http1Connection implements Closeable {

    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 100 * 1024;

    private final String host;
    private final int port;
    private final int connectTimeoutMillis;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    /** True once an exchange completed on this socket: only then may a failure be a stale keep-alive. */
    private boolean reused;
    private boolean responseStarted;
    private Body openBody;

    private final byte[] buf = new byte[16384];
    private int pos;
    private int limit;

    Http1Connection(String host, int port, int connectTimeoutMillis) {
        this.host = host;
        this.port = port;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    /** {@code host:port} as in {@code AWS_LAMBDA_RUNTIME_API}. */
    static Http1Connection to(String authority) {
        int colon = authority.lastIndexOf(':');
        if (colon <= 0) {
            return new Http1Connection(authority, 80, 0);
        }
        String h = authority.substring(0, colon);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return new Http1Connection(h, Integer.parseInt(authority.substring(colon + 1)), 0);
    }

    /**
     * Sends one request and reads the response head. A request that fails on a reused connection
     * before any response byte arrived is sent once more on a fresh connection: the server had
     * closed the idle connection and never saw it.
     *
     * @param head the request line and headers, from {@link Head}
     * @param body the body (its length is in the head), or null
     * @param followUp a bodiless request to send in the same write, whose response is read later
     *        with {@link #readResponse(int)}; or null
     * @param readTimeoutMillis 0 for none
     */
    Response send(Head head, byte[] body, int offset, int length, byte[] followUp, int readTimeoutMillis)
            throws IOException {
        finishOpenBody();
        byte[] wire = head.bytes;
        int headLength = head.length;
        boolean oneWrite = body == null || length <= 16384;
        if (oneWrite && (body != null || followUp != null)) {
            int total = headLength + (body == null ? 0 : length) + (followUp == null ? 0 : followUp.length);
            wire = Arrays.copyOf(head.bytes, total);
            if (body != null) {
                System.arraycopy(body, offset, wire, headLength, length);
            }
            if (followUp != null) {
                System.arraycopy(followUp, 0, wire, total - followUp.length, followUp.length);
            }
            headLength = total;
        }
        while (true) {
            connect();
            boolean mayRetry = reused;
            try {
                socket.setSoTimeout(readTimeoutMillis);
                responseStarted = false;
                out.write(wire, 0, headLength);
                if (!oneWrite) {
                    out.write(body, offset, length);
                    if (followUp != null) {
                        out.write(followUp);
                    }
                }
                out.flush();
                return readHead();
            } catch (IOException e) {
                boolean retry = mayRetry && !responseStarted;
                closeQuietly();
                if (!retry) {
                    throw e;
                }
            }
        }
    }

    /** Reads the next response head: the answer to a follow-up request. */
    Response readResponse(int readTimeoutMillis) throws IOException {
        finishOpenBody();
        try {
            socket.setSoTimeout(readTimeoutMillis);
            return readHead();
        } catch (IOException e) {
            closeQuietly();
            throw e;
        }
    }

    /**
     * Starts a request with a chunked body; write the body to the returned stream, then
     * {@link ChunkedBody#finish finish} it with trailers to get the response.
     */
    ChunkedBody sendChunked(Head head) throws IOException {
        finishOpenBody();
        connect();
        try {
            socket.setSoTimeout(0);
        } catch (IOException e) {
            closeQuietly();
            throw e;
        }
        // The head waits for the first chunk: a short answer then leaves in one write.
        ChunkedBody body = new ChunkedBody();
        body.pending.write(head.bytes, 0, head.length);
        return body;
    }

    /** Whether a socket is open; for tests. */
    boolean isOpen() {
        return socket != null;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void finishOpenBody() throws IOException {
        if (openBody != null && !openBody.done) {
            // The previous body was abandoned: the connection's position is lost.
            closeQuietly();
        }
        openBody = null;
    }

    private void connect() throws IOException {
        if (socket != null) {
            return;
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
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
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    // ---- reading

    private Response readHead() throws IOException {
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
            if (status >= 100 && status < 200 && status != 101) {
                continue; // an interim response such as 100 Continue: the real one follows
            }
            Response r = new Response(status, headers);
            String connection = r.header("Connection");
            boolean keepAlive = http10 ? "keep-alive".equalsIgnoreCase(connection)
                    : connection == null || !connection.toLowerCase().contains("close");
            String te = r.header("Transfer-Encoding");
            String cl = r.header("Content-Length");
            Body body;
            if (status == 204 || status == 304 || r.headRequest) {
                body = new Body(0, keepAlive);
            } else if (te != null && te.toLowerCase().endsWith("chunked")) {
                body = new Body(-1, keepAlive);
            } else if (cl != null) {
                long n;
                try {
                    n = Long.parseLong(cl.trim());
                } catch (NumberFormatException e) {
                    throw new IOException("malformed Content-Length: " + cl);
                }
                body = new Body(n, keepAlive);
            } else {
                body = new Body(-2, false);
            }
            r.body = body;
            openBody = body;
            if (body.done) {
                body.end();
            }
            return r;
        }
    }

    private String[] readHeaders() throws IOException {
        String[] headers = new String[24];
        int n = 0;
        int total = 0;
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new EOFException("connection closed inside the response headers");
            }
            if (line.isEmpty()) {
                break;
            }
            total += line.length();
            if (total > MAX_HEADERS) {
                throw new IOException("response headers larger than " + MAX_HEADERS + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed HTTP header line: " + line);
            }
            if (n + 2 > headers.length) {
                headers = Arrays.copyOf(headers, headers.length * 2);
            }
            headers[n++] = line.substring(0, colon).trim();
            headers[n++] = line.substring(colon + 1).trim();
        }
        return n == headers.length ? headers : Arrays.copyOf(headers, n);
    }

    /** A CRLF- or LF-terminated line as Latin-1 text; null at end of stream before any byte. */
    private String readLine() throws IOException {
        byte[] spill = null;
        int spillLength = 0;
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    String line;
                    if (spill == null) {
                        line = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                    } else {
                        spill = append(spill, spillLength, buf, pos, i - pos);
                        spillLength += i - pos;
                        int e = spillLength > 0 && spill[spillLength - 1] == '\r' ? spillLength - 1 : spillLength;
                        line = new String(spill, 0, e, StandardCharsets.ISO_8859_1);
                    }
                    pos = i + 1;
                    return line;
                }
            }
            if (limit > pos) {
                spill = append(spill == null ? new byte[256] : spill, spillLength, buf, pos, limit - pos);
                spillLength += limit - pos;
                if (spillLength > MAX_LINE) {
                    throw new IOException("HTTP line longer than " + MAX_LINE + " bytes");
                }
            }
            pos = limit;
            if (!fill()) {
                if (spillLength == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside an HTTP line");
            }
        }
    }

    private static byte[] append(byte[] dst, int dstLength, byte[] src, int off, int len) {
        if (dstLength + len > dst.length) {
            dst = Arrays.copyOf(dst, Math.max(dstLength + len, dst.length * 2));
        }
        System.arraycopy(src, off, dst, dstLength, len);
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

    /** A response: status, headers in arrival order, and a body to read to its end. */
    static final class Response {
        final int status;
        /** Alternating names and values, as received. */
        final String[] headers;
        Body body;
        boolean headRequest;

        Response(int status, String[] headers) {
            this.status = status;
            this.headers = headers;
        }

        /** The first value of the named header, or null; names compare case-insensitively. */
        String header(String name) {
            for (int i = 0; i + 1 < headers.length; i += 2) {
                if (headers[i].equalsIgnoreCase(name)) {
                    return headers[i + 1];
                }
            }
            return null;
        }

        /** Reads the whole body. */
        byte[] readBody() throws IOException {
            return body.readAll();
        }
    }

    /**
     * A response body. {@code read} returns what has arrived (at least one byte), blocking only
     * when nothing has; -1 at the end, after which the connection may carry the next request.
     */
    final class Body extends InputStream {
        /** Bytes left of a length body or of the current chunk; -1 before a chunk header. */
        private long remaining;
        private final boolean chunked;
        private final boolean toClose;
        private final boolean keepAlive;
        boolean done;

        /** @param length the Content-Length, -1 chunked, -2 read to close */
        Body(long length, boolean keepAlive) {
            this.chunked = length == -1;
            this.toClose = length == -2;
            this.keepAlive = keepAlive;
            this.remaining = length >= 0 ? length : -1;
            this.done = length == 0;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] dst, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            try {
                while (true) {
                    if (done) {
                        return -1;
                    }
                    if (toClose) {
                        if (pos == limit && !fill()) {
                            end();
                            return -1;
                        }
                        return take(dst, off, len);
                    }
                    if (chunked && remaining <= 0) {
                        if (remaining == 0) {
                            expectLineEnd();
                        }
                        if (!nextChunk()) {
                            end();
                            return -1;
                        }
                        continue;
                    }
                    if (pos == limit && !fill()) {
                        throw new EOFException("connection closed inside a response body");
                    }
                    int n = take(dst, off, (int) Math.min(len, remaining));
                    remaining -= n;
                    if (!chunked && remaining == 0) {
                        end();
                    }
                    return n;
                }
            } catch (IOException e) {
                done = true;
                closeQuietly();
                throw e;
            }
        }

        @Override
        public int available() {
            return done ? 0 : (int) Math.min(limit - pos, toClose ? Integer.MAX_VALUE : Math.max(remaining, 0));
        }

        /** Reads the rest of the body into one array. */
        byte[] readAll() throws IOException {
            byte[] all = new byte[!chunked && !toClose ? (int) Math.min(remaining, Integer.MAX_VALUE - 8) : 8192];
            int size = 0;
            while (true) {
                if (size == all.length) {
                    if (done) {
                        return all;
                    }
                    all = Arrays.copyOf(all, Math.max(8192, all.length * 2));
                }
                int n = read(all, size, all.length - size);
                if (n < 0) {
                    return size == all.length ? all : Arrays.copyOf(all, size);
                }
                size += n;
            }
        }

        /** Reads and discards the rest, so the connection can be reused. */
        @Override
        public void close() throws IOException {
            byte[] skip = new byte[8192];
            while (!done && read(skip, 0, skip.length) >= 0) {
                // discard
            }
        }

        private int take(byte[] dst, int off, int len) throws IOException {
            if (pos == limit) {
                if (len >= buf.length) {
                    int n = in.read(dst, off, len); // large reads bypass the buffer
                    if (n < 0) {
                        throw new EOFException("connection closed inside a response body");
                    }
                    return n;
                }
                if (!fill()) {
                    throw new EOFException("connection closed inside a response body");
                }
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            return n;
        }

        private boolean nextChunk() throws IOException {
            String line = readLine();
            if (line == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            int semicolon = line.indexOf(';');
            String hex = (semicolon >= 0 ? line.substring(0, semicolon) : line).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + line);
            }
            if (size == 0) {
                readHeaders(); // trailers
                return false;
            }
            remaining = size;
            return true;
        }

        private void expectLineEnd() throws IOException {
            String end = readLine();
            if (end == null || !end.isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
            remaining = -1;
        }

        void end() {
            done = true;
            if (keepAlive) {
                reused = true;
            } else {
                closeQuietly();
            }
        }
    }

    /** A request body in flight, sent as one chunk per {@link #write}, with trailers at the end. */
    /**
     * A chunked request body whose chunks are held until {@link #flush()} or {@link #finish}: the caller
     * flushes whenever its next read might wait, so each piece leaves as soon as nothing follows it at
     * once, and a body that is all there leaves with its head and end in one write.
     */
    final class ChunkedBody extends OutputStream {
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream(8192);
        private boolean finished;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        /** Adds {@code len} bytes as one chunk, sent at the next flush. */
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            check();
            byte[] size = Integer.toHexString(len).getBytes(StandardCharsets.US_ASCII);
            pending.write(size, 0, size.length);
            pending.write('\r');
            pending.write('\n');
            pending.write(b, off, len);
            pending.write('\r');
            pending.write('\n');
        }

        /** Sends what is held, in one write. */
        @Override
        public void flush() throws IOException {
            check();
            send();
        }

        /** Ends the body with {@code trailers} (alternating names and values) and reads the response. */
        Response finish(String... trailers) throws IOException {
            return finishThen(null, trailers);
        }

        /**
         * Ends the body with {@code trailers}, sends {@code followUp} (a whole next request) in the same write,
         * and reads the response to this one; the follow-up's is read next with {@link #readResponse}.
         */
        Response finishThen(byte[] followUp, String... trailers) throws IOException {
            check();
            finished = true;
            StringBuilder sb = new StringBuilder("0\r\n");
            for (int i = 0; i + 1 < trailers.length; i += 2) {
                sb.append(trailers[i]).append(": ").append(trailers[i + 1]).append("\r\n");
            }
            sb.append("\r\n");
            byte[] end = sb.toString().getBytes(StandardCharsets.UTF_8);
            pending.write(end, 0, end.length);
            if (followUp != null) {
                pending.write(followUp, 0, followUp.length);
            }
            send();
            try {
                return readHead();
            } catch (IOException e) {
                closeQuietly();
                throw e;
            }
        }

        private void send() throws IOException {
            if (pending.size() == 0) {
                return;
            }
            try {
                pending.writeTo(out);
                out.flush();
                pending.reset();
            } catch (IOException e) {
                finished = true;
                closeQuietly();
                throw e;
            }
        }

        private void check() throws IOException {
            if (finished || out == null) {
                throw new IOException("chunked request body already finished");
            }
        }
    }

    /** A request line and headers, built once into bytes. */
    static final class Head {
        private byte[] bytes = new byte[512];
        private int length;

        Head(String method, String target) {
            put(method);
            put(" ");
            put(target);
            put(" HTTP/1.1\r\n");
        }

        Head header(String name, String value) {
            put(name);
            put(": ");
            put(value);
            put("\r\n");
            return this;
        }

        /** Ends the head; {@code contentLength} -1 for none, -2 for chunked. */
        Head end(long contentLength) {
            if (contentLength >= 0) {
                header("Content-Length", Long.toString(contentLength));
            } else if (contentLength == -2) {
                header("Transfer-Encoding", "chunked");
            }
            put("\r\n");
            return this;
        }

        byte[] toBytes() {
            return Arrays.copyOf(bytes, length);
        }

        private void put(String s) {
            int n = s.length();
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
            }
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    // Header values and targets are sent as UTF-8 bytes, as most servers read them.
                    byte[] utf8 = s.substring(i).getBytes(StandardCharsets.UTF_8);
                    length += i;
                    if (length + utf8.length > bytes.length) {
                        bytes = Arrays.copyOf(bytes, Math.max(length + utf8.length, bytes.length * 2));
                    }
                    System.arraycopy(utf8, 0, bytes, length, utf8.length);
                    length += utf8.length;
                    return;
                }
                bytes[length + i] = (byte) c;
            }
            length += n;
        }
    }
}
