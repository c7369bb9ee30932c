package dev.overtime.platform.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Bytes written to a port as they are, and what comes back: for requests no HTTP client would send.
 * One exchange per connection ({@code Connection: close} is the caller's business).
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * What a port answered to {@code request}.
     *
     * @param status   the status line's code, or 0 if the port closed without answering
     * @param head     the status line and headers
     * @param body     what followed the head (Content-Length bytes, or all until the close)
     * @param answered whether the exchange ended (an answer or a close) before the deadline
     */
    public record Answer(int status, String head, String body, boolean answered) {

        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        /** Whether the answer carries a Java stack trace or an HTML error page. */
        public boolean leaksInternals() {
            String all = (head + body).toLowerCase(Locale.ROOT);
            return all.contains("<html") || all.contains("\tat ") || all.contains("at dev.overtime.")
                    || all.contains("at org.eclipse.") || all.contains("exception:") && all.contains("caused by");
        }
    }

    /** Sends {@code request} to {@code port} on loopback and waits up to {@code deadline} for the answer. */
    public static Answer exchange(int port, byte[] request, Duration deadline) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) deadline.toMillis());
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                // Nothing more will come: a request that promised more body must not wait for it.
                socket.shutdownOutput();
            } catch (IOException e) {
                // The server may answer and close before reading all of a refused request.
            }
            return read(socket, end);
        }
    }

    public static Answer exchange(int port, String request, Duration deadline) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), deadline);
    }

    private static Answer read(Socket socket, long end) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headEnd = -1;
        long contentLength = -1;
        while (true) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return answer(got, headEnd, false);
            }
            socket.setSoTimeout((int) Math.max(1, left));
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                return answer(got, headEnd, false);
            } catch (IOException e) {
                // A reset after the answer (or instead of one) ends the exchange all the same.
                return answer(got, headEnd, true);
            }
            if (n < 0) {
                return answer(got, headEnd, true);
            }
            got.write(buffer, 0, n);
            if (headEnd < 0) {
                headEnd = got.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
                if (headEnd >= 0) {
                    String length = new Answer(0, got.toString(StandardCharsets.ISO_8859_1).substring(0, headEnd), "",
                            true).header("Content-Length");
                    contentLength = length == null ? -1 : Long.parseLong(length);
                }
            }
            if (headEnd >= 0 && contentLength >= 0 && got.size() >= headEnd + 4 + contentLength) {
                return answer(got, headEnd, true);
            }
        }
    }

    private static Answer answer(ByteArrayOutputStream got, int headEnd, boolean ended) {
        String all = got.toString(StandardCharsets.ISO_8859_1);
        if (headEnd < 0) {
            return new Answer(0, all, "", ended && all.isEmpty());
        }
        String head = all.substring(0, headEnd);
        int status = 0;
        String[] statusLine = head.split(" ", 3);
        if (statusLine.length >= 2 && statusLine[0].startsWith("HTTP/")) {
            try {
                status = Integer.parseInt(statusLine[1]);
            } catch (NumberFormatException e) {
                status = 0;
            }
        }
        return new Answer(status, head, all.substring(headEnd + 4), true);
    }
}
