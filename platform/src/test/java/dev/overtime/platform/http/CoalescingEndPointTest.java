package dev.overtime.platform.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An answer held back by {@link CoalescingEndPoint}, over real HTTP/1.1 connections: it leaves with
 * the next answer when the peer pipelined, and at once when the peer waits for it.
 */
class CoalescingEndPointTest {

    /** A request to {@code /wait} whose answer the test writes when it chooses. */
    private record Waiting(Request request, Response response, Callback callback) {
    }

    private final LinkedBlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>();
    private final List<Boolean> holds = new CopyOnWriteArrayList<>();
    private Server server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        CoalescingConnector connector = new CoalescingConnector(server, 1, 1, new HttpConnectionFactory());
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                switch (Request.getPathInContext(request)) {
                    case "/hold" -> BodyReader.read(request, 1024, (body, failed) -> {
                        holds.add(CoalescingEndPoint.holdNextAnswer(request));
                        Responses.json(response, callback, 202, "{\"status\":\"OK\"}");
                    });
                    case "/wait" -> waiting.add(new Waiting(request, response, callback));
                    default -> Responses.json(response, callback, 404, "{\"missing\":true}");
                }
                return true;
            }
        });
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private static String post(String path, String extraHeaders) {
        return "POST " + path + " HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n" + extraHeaders + "\r\n{}";
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n";
    }

    /** Reads until {@code count} responses have arrived whole, or the connection ends. */
    private static String readResponses(InputStream in, int count) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (complete(seen.toString(StandardCharsets.ISO_8859_1)) < count) {
            int n = in.read(chunk);
            if (n < 0) {
                break;
            }
            seen.write(chunk, 0, n);
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }

    /** The number of whole responses in {@code text}; each of ours has a JSON body ending in '}'. */
    private static int complete(String text) {
        int heads = text.split("HTTP/1.1 ", -1).length - 1;
        return text.endsWith("}") ? heads : Math.max(0, heads - 1);
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000); // a failing test fails instead of hanging
        return socket;
    }

    @Test
    void pipelinedPeer_getsTheHeldAnswerWithTheNextOne() throws Exception {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write((post("/hold", "") + get("/wait")).getBytes(StandardCharsets.US_ASCII));
            Waiting next = waiting.poll(10, TimeUnit.SECONDS);
            assertNotNull(next, "the pipelined request was never handled");

            // Jetty parses the pipelined request only after the 202's write returned; on loopback
            // an unheld 202 would be readable now.
            assertEquals(0, socket.getInputStream().available(), "the 202 left alone");

            SelectorThreads.of(next.request()).execute(() ->
                    Responses.json(next.response(), next.callback(), 200, "{\"event\":1}"));
            String both = readResponses(socket.getInputStream(), 2);
            assertTrue(both.startsWith("HTTP/1.1 202 "), both);
            assertTrue(both.indexOf("{\"status\":\"OK\"}") < both.indexOf("HTTP/1.1 200 "), both);
            assertTrue(both.endsWith("{\"event\":1}"), both);
            assertEquals(List.of(true), holds);
        }
    }

    @Test
    void peerThatWaitsForTheAnswer_getsItAtOnce() throws Exception {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(post("/hold", "").getBytes(StandardCharsets.US_ASCII));
            String answer = readResponses(socket.getInputStream(), 1);
            assertTrue(answer.startsWith("HTTP/1.1 202 ") && answer.endsWith("{\"status\":\"OK\"}"), answer);

            // The connection stays usable.
            socket.getOutputStream().write(get("/missing").getBytes(StandardCharsets.US_ASCII));
            String second = readResponses(socket.getInputStream(), 1);
            assertTrue(second.startsWith("HTTP/1.1 404 "), second);
            assertEquals(List.of(true), holds);
        }
    }

    @Test
    void heldAnswer_precedesAnAnswerWrittenAtOnce() throws Exception {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write((post("/hold", "") + get("/missing")).getBytes(StandardCharsets.US_ASCII));
            String both = readResponses(socket.getInputStream(), 2);
            assertTrue(both.startsWith("HTTP/1.1 202 "), both);
            assertTrue(both.contains("{\"status\":\"OK\"}HTTP/1.1 404 "), both);
        }
    }

    @Test
    void peerThatStopsSending_stillGetsTheHeldAnswer() throws Exception {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(post("/hold", "").getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            assertOneAcceptedThenEnd(socket.getInputStream());
        }
    }

    @Test
    void closingConnection_holdsNothing() throws Exception {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(post("/hold", "Connection: close\r\n").getBytes(StandardCharsets.US_ASCII));
            assertOneAcceptedThenEnd(socket.getInputStream());
            assertFalse(holds.get(0), "an answer on a closing connection is never held");
        }
    }

    /** Exactly one answer, the 202, and then the end of the connection. */
    private static void assertOneAcceptedThenEnd(InputStream in) throws IOException {
        String answer = readResponses(in, 2);
        assertTrue(answer.startsWith("HTTP/1.1 202 ") && answer.endsWith("{\"status\":\"OK\"}"), answer);
        assertEquals(1, complete(answer), answer);
        assertEquals(-1, in.read(), "the connection ends after the answer");
    }
}
