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
    /** The request being sent, built in place and reused: no per-request strings or arrays. */
    private byte[] wire = new byte[1024];
    /** Where {@link #nextLine()} found the line: in {@link #buf} or in a spill array. */
    private byte[] lineBytes;
    private int lineFrom;
    private int lineTo;

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
        int headLength = putHead(method, target, headers, body == null ? -1 : length, null);
        return transmit(headLength, body, offset, length, null);
    }

    /** Sends a request built once by {@link #prepare} and reads the whole response. */
    Response send(Prepared request) throws IOException {
        ensureWire(0, request.bytes.length);
        System.arraycopy(request.bytes, 0, wire, 0, request.bytes.length);
        return transmit(request.bytes.length, null, 0, 0, null);
    }

    /**
     * Sends a request and, in the same write, a bodiless follow-up request (HTTP/1.1 pipelining),
     * then reads only the first response. The follow-up's response must be read next, with
     * {@link #readFollowUp()}. One write instead of two round trips: the server reads both
     * requests in one wake-up.
     */
    Response sendWithFollowUp(String method, String target, String[] headers, byte[] body, int offset, int length,
                              Prepared followUp) throws IOException {
        int headLength = putHead(method, target, headers, body == null ? -1 : length, null);
        return transmit(headLength, body, offset, length, followUp.bytes);
    }

    /** A bodiless request built once and sent many times, such as the Runtime API's {@code GET /next}. */
    static final class Prepared {
        private final byte[] bytes;

        private Prepared(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    /** Builds a bodiless request for {@link #send(Prepared)} or as a follow-up. */
    Prepared prepare(String method, String target, String[] headers) {
        return new Prepared(Arrays.copyOf(wire, putHead(method, target, headers, -1, null)));
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

    /** Sends the head already in {@link #wire}, then the body and follow-up, and reads the response. */
    private Response transmit(int headLength, byte[] body, int offset, int length, byte[] follow) throws IOException {
        int bodyLength = body == null ? 0 : length;
        int followLength = follow == null ? 0 : follow.length;
        // A small body and any follow-up go behind the head in one write, so they leave in one segment.
        boolean oneWrite = bodyLength <= buf.length;
        int total = headLength;
        if (oneWrite) {
            ensureWire(headLength, headLength + bodyLength + followLength);
            if (body != null) {
                System.arraycopy(body, offset, wire, headLength, bodyLength);
            }
            if (follow != null) {
                System.arraycopy(follow, 0, wire, headLength + bodyLength, followLength);
            }
            total = headLength + bodyLength + followLength;
        }
        while (true) {
            connectIfNeeded();
            boolean mayRetry = reused;
            try {
                responseStarted = false;
                if (oneWrite) {
                    out.write(wire, 0, total);
                } else {
                    out.write(wire, 0, headLength);
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
        int headLength = putHead(method, target, headers, -2, trailerNames);
        try {
            out.write(wire, 0, headLength);
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

    /**
     * Writes a request head into {@link #wire} from its start; returns its length.
     *
     * @param contentLength -1 for no body, -2 for a chunked body
     */
    private int putHead(String method, String target, String[] headers, int contentLength, String trailerNames) {
        int at = put(0, method);
        at = put(at, " ");
        at = put(at, target);
        at = put(at, " HTTP/1.1\r\n");
        ensureWire(at, at + hostHeader.length);
        System.arraycopy(hostHeader, 0, wire, at, hostHeader.length);
        at += hostHeader.length;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            at = put(at, headers[i]);
            at = put(at, ": ");
            at = put(at, headers[i + 1]);
            at = put(at, "\r\n");
        }
        if (contentLength >= 0) {
            at = put(at, "Content-Length: ");
            at = put(at, Integer.toString(contentLength));
            at = put(at, "\r\n");
        } else if (contentLength == -2) {
            at = put(at, "Transfer-Encoding: chunked\r\n");
            if (trailerNames != null) {
                at = put(at, "Trailer: ");
                at = put(at, trailerNames);
                at = put(at, "\r\n");
            }
        }
        return put(at, "\r\n");
    }

    /** Writes {@code text} as UTF-8 into {@link #wire} at {@code at}; returns the end. */
    private int put(int at, String text) {
        int n = text.length();
        ensureWire(at, at + n);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                ensureWire(at, at + utf8.length);
                System.arraycopy(utf8, 0, wire, at, utf8.length);
                return at + utf8.length;
            }
            wire[at + i] = (byte) c;
        }
        return at + n;
    }

    /** Makes room for {@code capacity} bytes in {@link #wire}, keeping its first {@code keep}. */
    private void ensureWire(int keep, int capacity) {
        if (capacity > wire.length) {
            byte[] bigger = new byte[Math.max(capacity, wire.length * 2)];
            System.arraycopy(wire, 0, bigger, 0, keep);
            wire = bigger;
        }
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
            if (!nextLine()) {
                throw new EOFException("connection closed inside the response headers");
            }
            byte[] b = lineBytes;
            int from = lineFrom;
            int to = lineTo;
            if (from == to) {
                break;
            }
            int colon = from;
            while (colon < to && b[colon] != ':') {
                colon++;
            }
            if (colon == from || colon == to) {
                throw new IOException("malformed HTTP header line: " + new String(b, from, to - from, StandardCharsets.UTF_8));
            }
            if (n + 2 > headers.length) {
                headers = Arrays.copyOf(headers, headers.length * 2);
            }
            headers[n++] = trimmed(b, from, colon);
            headers[n++] = trimmed(b, colon + 1, to);
        }
        if (n == headers.length) {
            return headers;
        }
        // Not Arrays.copyOf: under C1, which Lambda's Java runtimes run by default, that creates the
        // String[] reflectively through the VM, twice per invoke.
        String[] exact = new String[n];
        System.arraycopy(headers, 0, exact, 0, n);
        return exact;
    }

    /** The bytes from {@code from} to {@code to} as text, without surrounding whitespace (as {@link String#trim}). */
    private static String trimmed(byte[] b, int from, int to) {
        while (from < to && (b[from] & 0xff) <= ' ') {
            from++;
        }
        while (to > from && (b[to - 1] & 0xff) <= ' ') {
            to--;
        }
        return new String(b, from, to - from, StandardCharsets.UTF_8);
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
        return nextLine() ? new String(lineBytes, lineFrom, lineTo - lineFrom, StandardCharsets.UTF_8) : null;
    }

    /**
     * Finds the next CRLF- or LF-terminated line and leaves its bounds, without the line end, in
     * {@link #lineBytes}, {@link #lineFrom} and {@link #lineTo}, valid until the next read. False
     * at end of stream before any byte of it.
     */
    private boolean nextLine() throws IOException {
        byte[] spill = null;
        int spillLen = 0;
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    if (spill == null) {
                        setLine(buf, pos, i);
                    } else {
                        spill = append(spill, spillLen, buf, pos, i - pos);
                        setLine(spill, 0, spillLen + i - pos);
                    }
                    pos = i + 1;
                    return true;
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
                    return false;
                }
                throw new EOFException("connection closed inside an HTTP line");
            }
        }
    }

    private void setLine(byte[] b, int from, int to) {
        lineBytes = b;
        lineFrom = from;
        lineTo = to > from && b[to - 1] == '\r' ? to - 1 : to;
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
