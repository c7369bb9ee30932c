package dev.overtime.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HTTP/1.1 client against a raw socket server whose every byte the test controls. */
@Timeout(20)
class HttpConnectionTest {

    /** What the server read for one request, as raw text. */
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final List<Socket> accepted = new ArrayList<>();
    private ServerSocket server;
    private Thread acceptor;
    /** Scripted responses, one per request, in order across connections. */
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();

    /** How the server answers one request. */
    private static final class Reply {
        final String raw;
        final boolean closeAfter;

        Reply(String raw, boolean closeAfter) {
            this.raw = raw;
            this.closeAfter = closeAfter;
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "raw-http-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        synchronized (accepted) {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    private void reply(String raw) {
        replies.add(new Reply(raw, false));
    }

    private void replyAndClose(String raw) {
        replies.add(new Reply(raw, true));
    }

    private HttpConnection connection() {
        return new HttpConnection("127.0.0.1:" + server.getLocalPort());
    }

    private int connections() {
        synchronized (accepted) {
            return accepted.size();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                synchronized (accepted) {
                    accepted.add(s);
                }
                Thread t = new Thread(() -> serve(s), "raw-http-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                String request = readRequest(in);
                if (request == null) {
                    return;
                }
                received.add(request);
                Reply reply = replies.take();
                out.write(reply.raw.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (reply.closeAfter) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // The test is over or the client went away.
        }
    }

    /** Reads a request head and its body (Content-Length or chunked, with trailers), verbatim. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        String line;
        int length = 0;
        boolean chunked = false;
        boolean first = true;
        while ((line = readLine(in, raw)) != null && !line.isEmpty()) {
            first = false;
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
            if (line.equalsIgnoreCase("transfer-encoding: chunked")) {
                chunked = true;
            }
        }
        if (line == null) {
            return first ? null : raw.toString(StandardCharsets.UTF_8);
        }
        if (chunked) {
            while (true) {
                int size = Integer.parseInt(readLine(in, raw), 16);
                if (size == 0) {
                    while (!readLine(in, raw).isEmpty()) {
                        // trailers, kept in raw
                    }
                    break;
                }
                raw.write(in.readNBytes(size));
                readLine(in, raw);
            }
        } else {
            raw.write(in.readNBytes(length));
        }
        return raw.toString(StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in, ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            raw.write(c);
            if (c == '\n') {
                String s = line.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(c);
        }
        return null;
    }

    private String nextRequest() throws InterruptedException {
        String r = received.poll(10, TimeUnit.SECONDS);
        assertThat(r).as("request received by the server").isNotNull();
        return r;
    }

    @Test
    void send_writesRequestLineHostHeadersAndBody() throws Exception {
        reply("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
        try (HttpConnection http = connection()) {
            byte[] body = "xx{\"a\":1}xx".getBytes(StandardCharsets.UTF_8);
            HttpConnection.Response r = http.send("POST", "/path/to", new String[] {"X-One", "1"}, body, 2, 7);

            assertThat(r.status).isEqualTo(202);
            assertThat(nextRequest()).isEqualTo("POST /path/to HTTP/1.1\r\nHost: 127.0.0.1:" + server.getLocalPort()
                    + "\r\nX-One: 1\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
        }
    }

    @Test
    void send_reusesOneConnectionForSequentialRequests() throws Exception {
        for (int i = 0; i < 5; i++) {
            reply("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n" + i);
        }
        try (HttpConnection http = connection()) {
            for (int i = 0; i < 5; i++) {
                assertThat(http.send("GET", "/", new String[0], null, 0, 0).bodyText()).isEqualTo(Integer.toString(i));
            }
        }
        assertThat(connections()).isEqualTo(1);
    }

    @Test
    void send_readsChunkedBodyWithExtensionsAndTrailers() throws Exception {
        reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n");
        reply("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext");
        try (HttpConnection http = connection()) {
            assertThat(http.send("GET", "/", new String[0], null, 0, 0).bodyText()).isEqualTo("hello 0123456789");
            // The connection stays usable: the whole chunked body and its trailers were consumed.
            assertThat(http.send("GET", "/", new String[0], null, 0, 0).bodyText()).isEqualTo("next");
        }
        assertThat(connections()).isEqualTo(1);
    }

    @Test
    void send_readsHeadersCaseInsensitively() throws Exception {
        reply("HTTP/1.1 200 OK\r\nlambda-runtime-aws-request-id: abc\r\ncontent-length: 0\r\n\r\n");
        try (HttpConnection http = connection()) {
            HttpConnection.Response r = http.send("GET", "/", new String[0], null, 0, 0);
            assertThat(r.header("Lambda-Runtime-Aws-Request-Id")).isEqualTo("abc");
            assertThat(r.header("Absent")).isNull();
        }
    }

    @Test
    void send_trimsHeaderWhitespaceAndReadsUtf8AndOverlongLines() throws Exception {
        String longValue = "v".repeat(20_000); // longer than the read buffer: the line spans several reads
        reply("HTTP/1.1 200 OK\r\nX-Padded: \t  spaced value \t\r\nX-Utf8:caf\u00e9 \u2603\r\nX-Empty:\r\n"
                + "X-Long: " + longValue + "\r\nContent-Length: 2\r\n\r\nok");
        try (HttpConnection http = connection()) {
            HttpConnection.Response r = http.send("GET", "/", new String[0], null, 0, 0);
            assertThat(r.header("x-padded")).isEqualTo("spaced value");
            assertThat(r.header("X-Utf8")).isEqualTo("caf\u00e9 \u2603");
            assertThat(r.header("X-Empty")).isEmpty();
            assertThat(r.header("X-Long")).isEqualTo(longValue);
            assertThat(r.bodyText()).isEqualTo("ok");
        }
    }

    @Test
    void send_rejectsAHeaderLineWithoutAColon() throws Exception {
        reply("HTTP/1.1 200 OK\r\nnot a header\r\nContent-Length: 0\r\n\r\n");
        try (HttpConnection http = connection()) {
            assertThatThrownBy(() -> http.send("GET", "/", new String[0], null, 0, 0))
                    .isInstanceOf(IOException.class).hasMessageContaining("not a header");
        }
    }

    @Test
    void send_writesNonAsciiTargetsAndHeadersAsUtf8() throws Exception {
        reply("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
        try (HttpConnection http = connection()) {
            http.send("POST", "/caf\u00e9", new String[] {"X-Name", "\u2603 snow", "X-Next", "plain"},
                    new byte[] {'1'}, 0, 1);
        }
        assertThat(nextRequest()).isEqualTo("POST /caf\u00e9 HTTP/1.1\r\nHost: 127.0.0.1:" + server.getLocalPort()
                + "\r\nX-Name: \u2603 snow\r\nX-Next: plain\r\nContent-Length: 1\r\n\r\n1");
    }

    @Test
    void prepared_isSentTheSameEachTimeAloneAndAsAFollowUp() throws Exception {
        reply("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na");
        reply("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb");
        reply("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
        reply("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nc");
        String next = "GET /next HTTP/1.1\r\nHost: 127.0.0.1:" + server.getLocalPort() + "\r\nUser-Agent: t\r\n\r\n";
        try (HttpConnection http = connection()) {
            HttpConnection.Prepared prepared = http.prepare("GET", "/next", new String[] {"User-Agent", "t"});
            assertThat(http.send(prepared).bodyText()).isEqualTo("a");
            assertThat(http.send(prepared).bodyText()).isEqualTo("b");
            byte[] body = "{\"r\":1}".getBytes(StandardCharsets.UTF_8);
            HttpConnection.Response posted = http.sendWithFollowUp("POST", "/id/response", new String[0], body, 0,
                    body.length, prepared);
            assertThat(posted.status).isEqualTo(202);
            assertThat(http.readFollowUp().bodyText()).isEqualTo("c");
        }
        assertThat(nextRequest()).isEqualTo(next);
        assertThat(nextRequest()).isEqualTo(next);
        assertThat(nextRequest()).isEqualTo("POST /id/response HTTP/1.1\r\nHost: 127.0.0.1:" + server.getLocalPort()
                + "\r\nContent-Length: 7\r\n\r\n{\"r\":1}");
        assertThat(nextRequest()).isEqualTo(next);
        assertThat(connections()).isEqualTo(1);
    }

    @Test
    void send_skipsInterimResponses() throws Exception {
        reply("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\nok");
        try (HttpConnection http = connection()) {
            HttpConnection.Response r = http.send("POST", "/", new String[0], new byte[0], 0, 0);
            assertThat(r.status).isEqualTo(202);
            assertThat(r.bodyText()).isEqualTo("ok");
        }
    }

    @Test
    void send_withoutLengthOrChunking_readsBodyToCloseThenReconnects() throws Exception {
        replyAndClose("HTTP/1.1 200 OK\r\n\r\nuntil close");
        reply("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        try (HttpConnection http = connection()) {
            assertThat(http.send("GET", "/", new String[0], null, 0, 0).bodyText()).isEqualTo("until close");
            assertThat(http.isOpen()).isFalse();
            assertThat(http.send("GET", "/", new String[0], null, 0, 0).bodyText()).isEqualTo("ok");
        }
        assertThat(connections()).isEqualTo(2);
    }

    @Test
    void send_afterConnectionCloseHeader_opensANewConnection() throws Exception {
        replyAndClose("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\na");
        reply("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb");
        try (HttpConnection http = connection()) {
            assertThat(http.send("GET", "/", new String[0], null, 0, 0).bodyText()).isEqualTo("a");
            assertThat(http.send("GET", "/", new String[0], null, 0, 0).bodyText()).isEqualTo("b");
        }
        assertThat(connections()).isEqualTo(2);
    }

    @Test
    void send_whenServerClosedTheIdleConnection_resendsOnAFreshOne() throws Exception {
        // The server answers, then drops the keep-alive connection without saying so.
        replyAndClose("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na");
        reply("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb");
        try (HttpConnection http = connection()) {
            assertThat(http.send("GET", "/", new String[0], null, 0, 0).bodyText()).isEqualTo("a");
            assertThat(nextRequest()).startsWith("GET / HTTP/1.1");
            assertThat(http.send("POST", "/again", new String[0], new byte[] {'x'}, 0, 1).bodyText()).isEqualTo("b");
        }
        assertThat(nextRequest()).startsWith("POST /again HTTP/1.1").endsWith("\r\n\r\nx");
        assertThat(connections()).isEqualTo(2);
    }

    @Test
    void send_whenConnectionDropsMidResponse_fails() throws Exception {
        replyAndClose("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort");
        try (HttpConnection http = connection()) {
            assertThatThrownBy(() -> http.send("GET", "/", new String[0], null, 0, 0))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void send_withLargeBody_sendsAndReceivesItWhole() throws Exception {
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        String text = new String(big, StandardCharsets.US_ASCII);
        reply("HTTP/1.1 200 OK\r\nContent-Length: " + big.length + "\r\n\r\n" + text);
        try (HttpConnection http = connection()) {
            assertThat(http.send("POST", "/", new String[0], big, 0, big.length).bodyText()).isEqualTo(text);
        }
        assertThat(nextRequest()).endsWith("\r\n\r\n" + text);
    }

    @Test
    void sendChunked_streamsTheBodyInChunksFollowedByTrailers() throws Exception {
        reply("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
        try (HttpConnection http = connection()) {
            HttpConnection.ChunkedBody body = http.sendChunked("POST", "/stream",
                    new String[] {"Lambda-Runtime-Function-Response-Mode", "streaming"},
                    "Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body");
            body.write("hello ".getBytes(StandardCharsets.UTF_8));
            body.flush();
            body.write('w');
            body.write("orld".getBytes(StandardCharsets.UTF_8));
            HttpConnection.Response r = body.finish(new String[] {
                "Lambda-Runtime-Function-Error-Type", "Runtime.Unknown",
                "Lambda-Runtime-Function-Error-Body", "eyJ9"});

            assertThat(r.status).isEqualTo(202);
        }
        assertThat(nextRequest()).isEqualTo("POST /stream HTTP/1.1\r\nHost: 127.0.0.1:" + server.getLocalPort()
                + "\r\nLambda-Runtime-Function-Response-Mode: streaming\r\nTransfer-Encoding: chunked\r\n"
                + "Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n\r\n"
                + "6\r\nhello \r\n5\r\nworld\r\n0\r\n"
                + "Lambda-Runtime-Function-Error-Type: Runtime.Unknown\r\n"
                + "Lambda-Runtime-Function-Error-Body: eyJ9\r\n\r\n");
    }

    @Test
    void sendChunked_afterFinish_rejectsFurtherWrites() throws Exception {
        reply("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
        try (HttpConnection http = connection()) {
            HttpConnection.ChunkedBody body = http.sendChunked("POST", "/stream", new String[0], null);
            body.finish(new String[0]);
            assertThatThrownBy(() -> body.write(1)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void constructor_acceptsBracketedIpv6Authorities() {
        HttpConnection http = new HttpConnection("[::1]:9001");
        assertThat(http.isOpen()).isFalse();
        assertThatThrownBy(() -> new HttpConnection("host:notaport")).isInstanceOf(NumberFormatException.class);
    }
}
