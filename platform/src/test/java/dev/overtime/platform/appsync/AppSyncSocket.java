package dev.overtime.platform.appsync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client of AppSync's real-time protocol on the JDK's WebSocket, frame by frame: the handshake with
 * the {@code header-} subprotocol, {@code connection_init}, then starts; every message it receives
 * (but {@code ka}) is queued for the test.
 */
final class AppSyncSocket implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final Map<String, String> auth;

    private AppSyncSocket(String realtimeUrl, Map<String, String> auth, boolean inQuery) throws Exception {
        this.auth = auth;
        byte[] authJson = JSON.writeValueAsBytes(auth);
        URI uri = inQuery ? URI.create(realtimeUrl + "?header="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(authJson)
                + "&payload=e30=") : URI.create(realtimeUrl);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        builder = inQuery ? builder.subprotocols("graphql-ws") : builder.subprotocols("graphql-ws",
                "header-" + Base64.getUrlEncoder().withoutPadding().encodeToString(authJson));
        StringBuilder text = new StringBuilder();
        this.socket = builder.buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        JsonNode message = JSON.readTree(text.toString());
                        if (!"ka".equals(message.path("type").asText())) {
                            received.add(message);
                        }
                    } catch (java.io.IOException e) {
                        received.add(JSON.createObjectNode().put("type", "unparsable").put("text",
                                text.toString()));
                    }
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                received.add(JSON.createObjectNode().put("type", "closed").put("status", status));
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    /** Connects and waits for {@code connection_ack}. */
    static AppSyncSocket connect(String realtimeUrl, String apiKey) throws Exception {
        URI uri = URI.create(realtimeUrl);
        AppSyncSocket client = open(realtimeUrl, Map.of("host", uri.getHost() + ":" + uri.getPort(),
                "x-api-key", apiKey), false);
        JsonNode ack = client.init();
        if (!"connection_ack".equals(ack.path("type").asText())) {
            throw new AssertionError("expected connection_ack, got " + ack);
        }
        return client;
    }

    /**
     * Opens a socket whose handshake carries {@code auth} in the {@code header-} subprotocol, or in the
     * {@code header} query parameter when {@code inQuery}; sends nothing yet.
     */
    static AppSyncSocket open(String realtimeUrl, Map<String, String> auth, boolean inQuery) throws Exception {
        return new AppSyncSocket(realtimeUrl, auth, inQuery);
    }

    /** Sends {@code connection_init} and returns the answer ({@code connection_ack} or {@code connection_error}). */
    JsonNode init() throws Exception {
        send(JSON.createObjectNode().put("type", "connection_init"));
        return next();
    }

    /** Starts a subscription and returns the answer to it ({@code start_ack} or {@code error}). */
    JsonNode start(String id, String query, Map<String, Object> variables, Map<String, Object> extensions)
            throws Exception {
        return startSigned(id, data(query, variables), auth, extensions);
    }

    /** The {@code payload.data} of a start: the JSON text of its query and variables. */
    static String data(String query, Map<String, Object> variables) throws Exception {
        ObjectNode data = JSON.createObjectNode();
        data.put("query", query);
        data.set("variables", JSON.valueToTree(variables));
        return JSON.writeValueAsString(data);
    }

    /** Starts {@code data} with {@code authorization} (none when empty) and returns the answer to it. */
    JsonNode startSigned(String id, String data, Map<String, String> authorization, Map<String, Object> extensions)
            throws Exception {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("data", data);
        ObjectNode ext = JSON.valueToTree(extensions);
        if (!authorization.isEmpty()) {
            ext.set("authorization", JSON.valueToTree(authorization));
        }
        payload.set("extensions", ext);
        ObjectNode start = JSON.createObjectNode().put("id", id).put("type", "start");
        start.set("payload", payload);
        send(start);
        return next();
    }

    void send(JsonNode message) throws Exception {
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    }

    /** The next message; fails after 20 s without one. */
    JsonNode next() throws InterruptedException {
        JsonNode message = received.poll(20, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message from the server within 20 s");
        }
        return message;
    }

    /** The next message if one comes within {@code wait}. */
    JsonNode poll(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        socket.abort();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
