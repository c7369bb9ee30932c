package dev.overtime.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The load driver's HTTP/1.1 client: one keep-alive connection, one request at a time, as little
 * work per exchange as a client can do (like wrk), so the figures measure the server. The same
 * client drives the baseline and the platform, so their ratio is fair. It reads Content-Length and
 * chunked responses (a RESPONSE_STREAM Function URL's), skipping their bodies.
 */
final class KeepAliveClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] head;
    /** Sent instead of {@code head} for a share of the requests, drawn per request; null for none. */
    private final byte[] secondHead;
    private final double secondShare;
    /** Whether each body's length is sent with it (the client was made with a negative {@code bodyLength}). */
    private final boolean variableLength;
    private final byte[] line = new byte[8192];
    private boolean functionError;

    /** A client whose requests have {@code bodyLength} bytes of body; -1 for bodies of any length. */
    KeepAliveClient(int port, String method, String path, String extraHeaders, int bodyLength) throws IOException {
        this(port, method, path, null, 0, extraHeaders, bodyLength);
    }

    /** A client that sends each request to {@code secondPath} with probability {@code secondShare}, else to {@code path}. */
    KeepAliveClient(int port, String method, String path, String secondPath, double secondShare, String extraHeaders,
                    int bodyLength) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 65536);
        head = head(method, path, extraHeaders, bodyLength);
        secondHead = secondPath == null ? null : head(method, secondPath, extraHeaders, bodyLength);
        this.secondShare = secondShare;
        this.variableLength = bodyLength < 0;
    }

    /** A negative {@code bodyLength} leaves the Content-Length header out: {@link #send} adds it per body. */
    private static byte[] head(String method, String path, String extraHeaders, int bodyLength) {
        return (method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + extraHeaders + (bodyLength < 0 ? "" : "Content-Length: " + bodyLength + "\r\n\r\n"))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends one request and reads the whole response; returns the status code. See {@link #functionError()}. */
    int exchange(byte[] body) throws IOException {
        send(body);
        return receive();
    }

    /** Sends one request without reading the response: {@link #receive()} reads it. */
    void send(byte[] body) throws IOException {
        byte[] head = secondHead != null && java.util.concurrent.ThreadLocalRandom.current().nextDouble() < secondShare
                ? secondHead : this.head;
        if (variableLength) {
            byte[] length = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] whole = new byte[head.length + length.length];
            System.arraycopy(head, 0, whole, 0, head.length);
            System.arraycopy(length, 0, whole, head.length, length.length);
            head = whole;
        }
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        out.write(request);
        out.flush();
    }

    /** Reads the whole response to the request {@link #send} sent; returns the status code. */
    int receive() throws IOException {
        String status = readLine();
        int code = Integer.parseInt(status.substring(9, 12));
        long length = 0;
        boolean chunked = false;
        functionError = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(header.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = header.substring(colon + 1).toLowerCase(java.util.Locale.ROOT).contains("chunked");
            } else if (name.equalsIgnoreCase("X-Amz-Function-Error")) {
                functionError = true;
            }
        }
        if (chunked) {
            skipChunks();
        } else {
            in.skipNBytes(length);
        }
        return code;
    }

    /** Reads a chunked body to its end: the chunks, the empty last one, and any trailers. */
    private void skipChunks() throws IOException {
        for (String size = readLine(); ; size = readLine()) {
            int extension = size.indexOf(';');
            long n = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
            if (n == 0) {
                break;
            }
            in.skipNBytes(n);
            readLine(); // the CRLF that ends the chunk
        }
        while (!readLine().isEmpty()) {
            // a trailer
        }
    }

    /**
     * Whether the last response carried {@code X-Amz-Function-Error}: the function failed, timed out
     * or crashed, which Lambda answers with a 200.
     */
    boolean functionError() {
        return functionError;
    }

    private String readLine() throws IOException {
        int n = 0;
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line[n++] = (byte) b;
            }
        }
        return new String(line, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
