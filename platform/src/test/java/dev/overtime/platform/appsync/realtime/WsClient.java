package dev.overtime.platform.appsync.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JDK WebSocket that queues every text message it receives, for frame-by-frame tests. */
public final class WsClient implements AutoCloseable {

    record Closed(int code, String reason) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final WebSocket socket;
    private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();

    private WsClient(URI uri, String... subprotocols) throws Exception {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        socket = builder.buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(new Closed(statusCode, reason));
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(new Closed(-1, String.valueOf(error)));
            }
        }).get(10, TimeUnit.SECONDS);
    }

    public static WsClient connect(URI uri, String... subprotocols) throws Exception {
        return new WsClient(uri, subprotocols);
    }

    public WsClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /** The next message, parsed; fails after 10 s. */
    public JsonNode next() throws Exception {
        return JSON.readTree(nextText());
    }

    String nextText() throws InterruptedException {
        String message = messages.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within 10 s" + (closed.isDone() ? "; closed " + closed.join() : ""));
        }
        return message;
    }

    /** The next message whose type is not {@code skipped} (keep-alives, say). */
    JsonNode nextExcept(String skipped) throws Exception {
        JsonNode message;
        do {
            message = next();
        } while (skipped.equals(message.path("type").asText()));
        return message;
    }

    Closed awaitClose() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
