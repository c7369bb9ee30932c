package dev.overtime.platform.appsync.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AppSync's real-time dialect at /graphql/realtime, frame by frame with the JDK's WebSocket client. */
class AppSyncDialectTest {

    private static final String SUBSCRIPTION = "subscription { onChunk(streamId: \\\"s\\\") { streamId seq } }";

    private RealtimeServer server;

    @BeforeEach
    void start() throws Exception {
        server = new RealtimeServer(RealtimeSettings.defaults().withKeepAliveInterval(Duration.ofMillis(200))
                .withMaxSubscriptions(3));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static String headerJson(String apiKey) {
        return "{\"host\":\"127.0.0.1\",\"x-amz-date\":\"20260101T000000Z\",\"x-api-key\":\"" + apiKey + "\"}";
    }

    private WsClient subprotocolClient(String apiKey) throws Exception {
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(headerJson(apiKey).getBytes(StandardCharsets.UTF_8));
        return WsClient.connect(server.ws("/graphql/realtime"), "graphql-ws", "header-" + header);
    }

    private WsClient acknowledged() throws Exception {
        WsClient client = subprotocolClient(PushGateway.API_KEY);
        client.send("{\"type\":\"connection_init\"}");
        assertEquals("connection_ack", client.next().path("type").asText());
        return client;
    }

    private static String start(String id, String query, String extensions) {
        String data = "{\"query\":\"" + query + "\",\"variables\":{}}";
        return "{\"id\":\"" + id + "\",\"type\":\"start\",\"payload\":{\"data\":" + quoted(data)
                + ",\"extensions\":{\"authorization\":{\"host\":\"127.0.0.1\",\"X-Api-Key\":\"" + PushGateway.API_KEY
                + "\"}" + extensions + "}}}";
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void headerSubprotocol_selectsGraphqlWs_acksWithTimeoutAndKeepsAlive() throws Exception {
        try (WsClient client = subprotocolClient(PushGateway.API_KEY)) {
            assertEquals("graphql-ws", client.socket.getSubprotocol());
            client.send("{\"type\":\"connection_init\"}");
            JsonNode ack = client.next();
            assertEquals("connection_ack", ack.path("type").asText());
            assertEquals(300_000, ack.path("payload").path("connectionTimeoutMs").asInt());
            assertTrue(ack.path("payload").path("connectionTimeoutMs").isIntegralNumber());
            assertEquals("ka", client.next().path("type").asText());
            assertEquals("ka", client.next().path("type").asText(), "a ka follows every interval");
            assertEquals(Map.of("host", "127.0.0.1", "x-amz-date", "20260101T000000Z", "x-api-key",
                    PushGateway.API_KEY), server.gateway.connects.getFirst());
        }
    }

    @Test
    void headerQueryParameter_inStandardBase64_isAccepted() throws Exception {
        String header = Base64.getEncoder().encodeToString(headerJson(PushGateway.API_KEY)
                .getBytes(StandardCharsets.UTF_8));
        String query = "?header=" + java.net.URLEncoder.encode(header, StandardCharsets.UTF_8) + "&payload=e30=";
        try (WsClient client = WsClient.connect(server.ws("/graphql/realtime" + query), "graphql-ws")) {
            client.send("{\"type\":\"connection_init\"}");
            assertEquals("connection_ack", client.next().path("type").asText());
        }
    }

    @Test
    void wrongKey_getsConnectionErrorUnauthorized_thenClose() throws Exception {
        try (WsClient client = subprotocolClient("da2-wrong")) {
            client.send("{\"type\":\"connection_init\"}");
            JsonNode error = client.next();
            assertEquals("connection_error", error.path("type").asText());
            JsonNode first = error.path("payload").path("errors").path(0);
            assertEquals("UnauthorizedException", first.path("errorType").asText());
            assertEquals(401, first.path("errorCode").asInt());
            assertEquals(1000, client.awaitClose().code());
        }
    }

    @Test
    void malformedHeader_getsConnectionErrorUnauthorized() throws Exception {
        try (WsClient client = WsClient.connect(server.ws("/graphql/realtime"), "graphql-ws", "header-!!!")) {
            client.send("{\"type\":\"connection_init\"}");
            JsonNode error = client.next();
            assertEquals("connection_error", error.path("type").asText());
            assertEquals(401, error.path("payload").path("errors").path(0).path("errorCode").asInt());
            assertTrue(server.gateway.connects.isEmpty(), "a malformed header never reaches the gateway");
        }
    }

    @Test
    void start_acksThenDeliversEventsInOrder_stopCompletes() throws Exception {
        try (WsClient client = acknowledged()) {
            client.send(start("sub-1", SUBSCRIPTION, ""));
            JsonNode ack = client.nextExcept("ka");
            assertEquals("start_ack", ack.path("type").asText());
            assertEquals("sub-1", ack.path("id").asText());
            StartRequest request = server.gateway.awaitStart();
            assertEquals(PushGateway.API_KEY, request.authorization().get("x-api-key"),
                    "Apollo's X-Api-Key reaches the gateway under its case-insensitive name");
            assertEquals(PushGateway.API_KEY, request.connectionAuth().get("x-api-key"));
            assertTrue(request.query().startsWith("subscription"));
            for (int i = 0; i < 200; i++) {
                server.gateway.publish(PushGateway.event("s", i));
            }
            for (int i = 0; i < 200; i++) {
                String data = nextTextExcept(client, "ka");
                assertEquals("{\"type\":\"data\",\"id\":\"sub-1\",\"payload\":" + PushGateway.event("s", i) + "}", data);
            }
            client.send("{\"type\":\"stop\",\"id\":\"sub-1\"}");
            JsonNode complete = client.nextExcept("ka");
            assertEquals("complete", complete.path("type").asText());
            assertEquals("sub-1", complete.path("id").asText());
            server.gateway.awaitStop();
        }
    }

    private static String nextTextExcept(WsClient client, String skipped) throws Exception {
        String text;
        do {
            text = client.nextText();
        } while (text.equals("{\"type\":\"" + skipped + "\"}"));
        return text;
    }

    @Test
    void eventsDeliveredInsideStart_followTheStartAck() throws Exception {
        try (WsClient client = acknowledged()) {
            client.send(start("replayed", SUBSCRIPTION, ",\"early\":5"));
            assertEquals("start_ack", client.nextExcept("ka").path("type").asText());
            for (int i = 0; i < 5; i++) {
                JsonNode data = client.nextExcept("ka");
                assertEquals("data", data.path("type").asText());
                assertEquals(i, data.path("payload").path("data").path("onChunk").path("seq").asInt());
            }
            assertEquals(Map.of("early", 5), server.gateway.awaitStart().extensions(),
                    "extensions other than authorization reach the gateway");
        }
    }

    @Test
    void refusedStart_getsErrorWithItsId() throws Exception {
        try (WsClient client = acknowledged()) {
            client.send(start("bad", "query notASubscription { a }", ""));
            JsonNode error = client.nextExcept("ka");
            assertEquals("error", error.path("type").asText());
            assertEquals("bad", error.path("id").asText());
            assertEquals("ValidationError", error.path("payload").path("errors").path(0).path("errorType").asText());
        }
    }

    @Test
    void duplicateIdAndSubscriptionLimit_getAppSyncErrors() throws Exception {
        try (WsClient client = acknowledged()) {
            client.send(start("a", SUBSCRIPTION, ""));
            assertEquals("start_ack", client.nextExcept("ka").path("type").asText());
            client.send(start("a", SUBSCRIPTION, ""));
            JsonNode duplicate = client.nextExcept("ka");
            assertEquals("DuplicatedOperationError",
                    duplicate.path("payload").path("errors").path(0).path("errorType").asText());
            client.send(start("b", SUBSCRIPTION, ""));
            client.send(start("c", SUBSCRIPTION, ""));
            assertEquals("start_ack", client.nextExcept("ka").path("type").asText());
            assertEquals("start_ack", client.nextExcept("ka").path("type").asText());
            client.send(start("d", SUBSCRIPTION, ""));
            JsonNode limit = client.nextExcept("ka");
            assertEquals("d", limit.path("id").asText());
            assertEquals("MaxSubscriptionsReachedError",
                    limit.path("payload").path("errors").path(0).path("errorType").asText());
            assertEquals("Max number of 3 subscriptions reached",
                    limit.path("payload").path("errors").path(0).path("message").asText());
        }
    }

    @Test
    void malformedAndUnknownMessages_getErrors_andTheConnectionStaysUsable() throws Exception {
        try (WsClient client = acknowledged()) {
            client.send("{not json");
            JsonNode malformed = client.nextExcept("ka");
            assertEquals("error", malformed.path("type").asText());
            assertEquals("BadRequestException",
                    malformed.path("payload").path("errors").path(0).path("errorType").asText());
            client.send("{\"type\":\"subscribe\",\"id\":\"x\"}");
            JsonNode unknown = client.nextExcept("ka");
            assertEquals("UnsupportedOperation", unknown.path("payload").path("errors").path(0).path("errorType").asText());
            assertEquals("subscribe not supported through the realtime channel",
                    unknown.path("payload").path("errors").path(0).path("message").asText());
            client.send("{\"id\":\"s\",\"type\":\"start\",\"payload\":{\"data\":\"not json\"}}");
            assertEquals("BadRequestException",
                    client.nextExcept("ka").path("payload").path("errors").path(0).path("errorType").asText());
            client.send(start("ok", SUBSCRIPTION, ""));
            assertEquals("start_ack", client.nextExcept("ka").path("type").asText());
        }
    }

    @Test
    void startBeforeInit_isRefused() throws Exception {
        try (WsClient client = subprotocolClient(PushGateway.API_KEY)) {
            client.send(start("early", SUBSCRIPTION, ""));
            JsonNode error = client.next();
            assertEquals("error", error.path("type").asText());
            assertEquals("early", error.path("id").asText());
            assertEquals(0, server.gateway.runningCount());
        }
    }

    @Test
    void serverEndingASubscription_sendsComplete_andClosingTheSocketStopsTheRest() throws Exception {
        WsClient client = acknowledged();
        client.send(start("ends", SUBSCRIPTION, ""));
        assertEquals("start_ack", client.nextExcept("ka").path("type").asText());
        server.gateway.awaitStart();
        server.gateway.endAll();
        JsonNode complete = client.nextExcept("ka");
        assertEquals("complete", complete.path("type").asText());
        assertEquals("ends", complete.path("id").asText());

        client.send(start("ends", SUBSCRIPTION, ""));
        assertEquals("start_ack", client.nextExcept("ka").path("type").asText(), "an ended id can be reused");
        server.gateway.awaitStart();
        client.socket.sendClose(1000, "bye").join();
        server.gateway.awaitStop();
        assertEquals(0, server.gateway.runningCount());
        client.close();
    }
}
