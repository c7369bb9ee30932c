package dev.overtime.platform.appsync.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** graphql-transport-ws at /graphql, frame by frame with the JDK's WebSocket client, and the handshake rules. */
class TransportWsDialectTest {

    private static final String INIT = "{\"type\":\"connection_init\",\"payload\":{\"X-API-KEY\":\""
            + PushGateway.API_KEY + "\"}}";

    private RealtimeServer server;

    @BeforeEach
    void start() throws Exception {
        server = new RealtimeServer(RealtimeSettings.defaults().withInitTimeout(Duration.ofMillis(300)));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private WsClient client() throws Exception {
        WsClient client = WsClient.connect(server.ws("/graphql"), "graphql-transport-ws");
        assertEquals("graphql-transport-ws", client.socket.getSubprotocol());
        return client;
    }

    private WsClient acknowledged() throws Exception {
        WsClient client = client();
        client.send(INIT);
        assertEquals("{\"type\":\"connection_ack\"}", client.nextText());
        return client;
    }

    private static String subscribe(String id, String query) {
        return "{\"id\":\"" + id + "\",\"type\":\"subscribe\",\"payload\":{\"query\":\"" + query
                + "\",\"variables\":{\"streamId\":\"s\"},\"operationName\":\"Chunks\",\"extensions\":{\"replay\":{\"after\":4}}}}";
    }

    @Test
    void subscribe_deliversNextInOrder_clientCompleteStopsIt() throws Exception {
        try (WsClient client = acknowledged()) {
            client.send(subscribe("1", "subscription Chunks($streamId: ID!) { onChunk(streamId: $streamId) { seq } }"));
            StartRequest request = server.gateway.awaitStart();
            assertEquals("Chunks", request.operationName());
            assertEquals("s", request.variables().get("streamId"));
            assertEquals(PushGateway.API_KEY, request.connectionAuth().get("x-api-key"));
            assertEquals(java.util.Map.of("replay", java.util.Map.of("after", 4)), request.extensions());
            for (int i = 0; i < 200; i++) {
                server.gateway.publish(PushGateway.event("s", i));
            }
            for (int i = 0; i < 200; i++) {
                assertEquals("{\"id\":\"1\",\"type\":\"next\",\"payload\":" + PushGateway.event("s", i) + "}",
                        client.nextText());
            }
            client.send("{\"id\":\"1\",\"type\":\"complete\"}");
            server.gateway.awaitStop();
            assertEquals(0, server.gateway.runningCount());
        }
    }

    @Test
    void serverEnd_sendsComplete() throws Exception {
        try (WsClient client = acknowledged()) {
            client.send(subscribe("7", "subscription { onChunk { seq } }"));
            server.gateway.awaitStart();
            server.gateway.endAll();
            assertEquals("{\"id\":\"7\",\"type\":\"complete\"}", client.nextText());
        }
    }

    @Test
    void pingGetsPong() throws Exception {
        try (WsClient client = acknowledged()) {
            client.send("{\"type\":\"ping\"}");
            assertEquals("pong", client.next().path("type").asText());
        }
    }

    @Test
    void refusedSubscribe_getsErrorWithGraphQlErrors_andTheSocketStaysOpen() throws Exception {
        try (WsClient client = acknowledged()) {
            client.send(subscribe("2", "query notASubscription { a }"));
            JsonNode error = client.next();
            assertEquals("error", error.path("type").asText());
            assertEquals("2", error.path("id").asText());
            assertTrue(error.path("payload").isArray());
            assertEquals("Validation error: not a subscription", error.path("payload").path(0).path("message").asText());
            client.send("{\"type\":\"ping\"}");
            assertEquals("pong", client.next().path("type").asText());
        }
    }

    @Test
    void subscribeBeforeAck_closes4401() throws Exception {
        try (WsClient client = client()) {
            client.send(subscribe("1", "subscription { a }"));
            assertEquals(4401, client.awaitClose().code());
        }
    }

    @Test
    void wrongKey_closes4403() throws Exception {
        try (WsClient client = client()) {
            client.send("{\"type\":\"connection_init\",\"payload\":{\"x-api-key\":\"da2-wrong\"}}");
            WsClient.Closed closed = client.awaitClose();
            assertEquals(4403, closed.code());
            assertTrue(closed.reason().startsWith("Forbidden"), closed.reason());
        }
    }

    @Test
    void noInit_closes4408() throws Exception {
        try (WsClient client = client()) {
            assertEquals(4408, client.awaitClose().code());
        }
    }

    @Test
    void duplicateId_closes4409() throws Exception {
        try (WsClient client = acknowledged()) {
            client.send(subscribe("1", "subscription { a }"));
            server.gateway.awaitStart();
            client.send(subscribe("1", "subscription { a }"));
            assertEquals(4409, client.awaitClose().code());
            server.gateway.awaitStop();
        }
    }

    @Test
    void secondInit_closes4429() throws Exception {
        try (WsClient client = acknowledged()) {
            client.send(INIT);
            assertEquals(4429, client.awaitClose().code());
        }
    }

    @Test
    void malformedMessage_closes4400() throws Exception {
        try (WsClient client = acknowledged()) {
            client.send("[1,2");
            assertEquals(4400, client.awaitClose().code());
        }
    }

    @Test
    void gatewayFailure_closes4500_withoutAStackTrace() throws Exception {
        try (WsClient client = acknowledged()) {
            client.send(subscribe("1", "subscription explode { a }"));
            WsClient.Closed closed = client.awaitClose();
            assertEquals(4500, closed.code());
            assertEquals("Internal server error", closed.reason());
        }
    }

    @Test
    void noAcceptableSubprotocol_closes4406() throws Exception {
        try (WsClient client = WsClient.connect(server.ws("/graphql"), "graphql-ws")) {
            assertEquals(4406, client.awaitClose().code());
        }
        try (WsClient client = WsClient.connect(server.ws("/graphql/realtime"))) {
            assertEquals(4406, client.awaitClose().code());
        }
    }

    @Test
    void handshakeOnAnotherPath_gets404() {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> WsClient.connect(server.ws("/elsewhere"), "graphql-transport-ws"));
        assertEquals(404, assertInstanceOf(WebSocketHandshakeException.class, failed.getCause())
                .getResponse().statusCode());
    }

    @Test
    void plainHttp_isNotAnUpgrade_andReachesTheRestOfTheHandler() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.http("/graphql")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("plain http"), response.body());
    }
}
