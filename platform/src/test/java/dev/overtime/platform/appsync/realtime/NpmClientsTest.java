package dev.overtime.platform.appsync.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.appsync.NodeScripts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real npm clients against the endpoint: graphql-ws 6.4.2, and aws-appsync-subscription-link 4 on Apollo 4. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NpmClientsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 300;

    private RealtimeServer server;

    @BeforeEach
    void start() throws Exception {
        server = new RealtimeServer(RealtimeSettings.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void graphqlWsClient_receivesEveryEventInOrder_andCompletes() throws Exception {
        Process client = NodeScripts.start("graphql-ws-subscribe.mjs", server.ws("/graphql").toString(),
                PushGateway.API_KEY, String.valueOf(EVENTS));
        List<JsonNode> lines = publishAndRead(client);
        assertEquals(EVENTS, lines.stream().filter(line -> line.path("event").asText().equals("next")).count());
        int seq = 0;
        for (JsonNode line : lines) {
            if (line.path("event").asText().equals("next")) {
                assertEquals(seq++, line.path("payload").path("data").path("onChunk").path("seq").asInt(), lines.toString());
            }
        }
        assertEquals("complete", lines.getLast().path("event").asText(), lines.toString());
        assertEquals(PushGateway.API_KEY, server.gateway.connects.getFirst().get("x-api-key"),
                "connectionParams carried the key");
        server.gateway.awaitStop();
        assertEquals(0, client.waitFor(), "graphql-ws client exit code");
    }

    @Test
    void appSyncSubscriptionLink_connectsWithTheHeaderSubprotocol_andReceivesEveryEventInOrder() throws Exception {
        Process client = NodeScripts.start("appsync-subscribe.mjs", server.http("/graphql").toString(),
                PushGateway.API_KEY, String.valueOf(EVENTS));
        List<JsonNode> lines = publishAndRead(client);
        List<Integer> seqs = new ArrayList<>();
        lines.stream().filter(line -> line.path("event").asText().equals("next"))
                .forEach(line -> seqs.add(line.path("data").path("onChunk").path("seq").asInt()));
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            expected.add(i);
        }
        assertEquals(expected, seqs, lines.toString());
        assertEquals(PushGateway.API_KEY, server.gateway.connects.getFirst().get("x-api-key"),
                "the key arrived in the handshake");
        server.gateway.awaitStop();
        assertEquals(0, client.waitFor(), "subscription-link client exit code");
    }

    /** Waits for the subscription to start, publishes the events, and reads the client's lines until it exits. */
    private List<JsonNode> publishAndRead(Process client) throws Exception {
        StartRequest started = server.gateway.awaitStart();
        assertTrue(started.query().contains("onChunk"));
        for (int i = 0; i < EVENTS; i++) {
            server.gateway.publish(PushGateway.event("s", i));
        }
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                JsonNode event = JSON.readTree(line);
                lines.add(event);
                assertTrue(!event.path("event").asText().equals("error"), "client reported " + event);
            }
        }
        return lines;
    }
}
