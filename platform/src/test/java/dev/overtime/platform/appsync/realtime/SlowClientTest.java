package dev.overtime.platform.appsync.realtime;

import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client that stops reading is disconnected once its queue passes the bound, instead of growing memory. */
class SlowClientTest {

    private static final long BOUND = 256 * 1024;

    @Test
    void clientThatStopsReading_isDisconnected_andItsSubscriptionStopped() throws Exception {
        try (RealtimeServer server = new RealtimeServer(RealtimeSettings.defaults().withMaxQueuedChars(BOUND))) {
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                    .buildAsync(server.ws("/graphql"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            received.add(data.toString());
                            // Reads only what it asks for: the ack, and nothing after it.
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                            closed.complete(statusCode);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket webSocket, Throwable error) {
                            closed.complete(-1);
                        }
                    }).get(10, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"connection_init\",\"payload\":{\"x-api-key\":\"" + PushGateway.API_KEY
                    + "\"}}", true).join();
            assertEquals("{\"type\":\"connection_ack\"}", received.poll(10, TimeUnit.SECONDS));
            socket.sendText("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { a }\"}}",
                    true).join();
            server.gateway.awaitStart();

            String chunk = "{\"data\":{\"onChunk\":\"" + "x".repeat(4096) + "\"}}";
            int published = 0;
            // Socket buffers absorb a few MB before the server's queue grows; publish until the server gives up.
            while (server.gateway.stops.isEmpty() && published < 20_000) {
                server.gateway.publish(chunk);
                published++;
            }
            assertNotNull(server.gateway.awaitStop(), "the slow client's subscription is stopped");
            assertEquals(0, server.gateway.runningCount());
            assertTrue(published > BOUND / chunk.length(), "at least the bound was queued: " + published);

            socket.request(Long.MAX_VALUE);
            assertNotNull(closed.get(30, TimeUnit.SECONDS), "the client sees its connection end");
        }
    }
}
