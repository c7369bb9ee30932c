package dev.overtime.platform.appsync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overtime.platform.async.store.EventStoreChoice;
import dev.overtime.platform.async.store.postgres.PostgresLocation;
import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL serve the same GraphQL API: a stream published through node A reaches a
 * subscriber on node B in order, once each, and a subscriber that drops from B and reconnects to A
 * replays exactly what it missed.
 */
class SubscriptionsAcrossNodesTest {

    private static final int CHUNKS = 200;

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
    }

    private Platform node(String name, EventStoreChoice store) throws Exception {
        Platform platform = Platform.start(new PlatformConfig("127.0.0.1", 0,
                        EnvironmentSettings.defaults(dir.resolve(name)).withEcho(false)).withStore(store),
                List.of(), List.of(), Map.of(), Map.of(), List.of(), List.of(SubscriptionStreamTest.definition()));
        closeables.add(platform);
        return platform;
    }

    @Test
    void aStreamPublishedThroughNodeAReachesSubscribersOnNodeBInOrder_andReplayWorksAcrossNodes() throws Exception {
        PostgresServer postgres = PostgresServer.start();
        closeables.add(postgres);
        EventStoreChoice store = EventStoreChoice.postgres(PostgresLocation.parse(postgres.newDatabase()),
                Duration.ofSeconds(10));
        ServedGraphQlApi onA = node("a", store).graphQlApis().iterator().next();
        ServedGraphQlApi onB = node("b", store).graphQlApis().iterator().next();

        AppSyncSocket steady = AppSyncSocket.connect(onB.realtimeUrl(), SubscriptionStreamTest.KEY);
        closeables.add(steady);
        assertThat(steady.start("s", SubscriptionStreamTest.SUBSCRIBE, Map.of("c", "talk"), Map.of())
                .path("type").asText()).isEqualTo("start_ack");
        AppSyncSocket moving = AppSyncSocket.connect(onB.realtimeUrl(), SubscriptionStreamTest.KEY);
        assertThat(moving.start("m", SubscriptionStreamTest.SUBSCRIBE, Map.of("c", "talk"), Map.of())
                .path("type").asText()).isEqualTo("start_ack");

        for (int seq = 1; seq <= CHUNKS; seq++) {
            JsonNode answer = publish(onA, seq);
            assertThat(answer.has("errors")).as(answer.toString()).isFalse();
            if (seq == CHUNKS / 2) {
                break;
            }
        }
        // The moving subscriber reads the first half on B, then drops and reconnects to A, asking for the rest.
        List<Integer> moved = new ArrayList<>();
        long lastSeq = 0;
        while (moved.size() < CHUNKS / 2) {
            JsonNode message = moving.next();
            moved.add(message.at("/payload/data/onChunk/seq").asInt());
            lastSeq = message.at("/payload/extensions/seq").asLong();
        }
        moving.close();
        for (int seq = CHUNKS / 2 + 1; seq <= CHUNKS; seq++) {
            JsonNode answer = publish(onA, seq);
            assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        }
        AppSyncSocket back = AppSyncSocket.connect(onA.realtimeUrl(), SubscriptionStreamTest.KEY);
        closeables.add(back);
        assertThat(back.start("b", SubscriptionStreamTest.SUBSCRIBE, Map.of("c", "talk"),
                Map.of("replay", Map.of("after", lastSeq))).path("type").asText()).isEqualTo("start_ack");

        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= CHUNKS; i++) {
            expected.add(i);
        }
        assertThat(chunks(steady, CHUNKS)).as("on node B, in order, once each").isEqualTo(expected);
        moved.addAll(chunks(back, CHUNKS / 2));
        assertThat(moved).as("moved from B to A with replay").isEqualTo(expected);
        for (AppSyncSocket socket : List.of(steady, back)) {
            assertThat(socket.poll(Duration.ofMillis(500))).as("nothing more, no duplicate").isNull();
        }
    }

    private static List<Integer> chunks(AppSyncSocket socket, int count) throws InterruptedException {
        List<Integer> seqs = new ArrayList<>();
        while (seqs.size() < count) {
            seqs.add(socket.next().at("/payload/data/onChunk/seq").asInt());
        }
        return seqs;
    }

    private static JsonNode publish(ServedGraphQlApi api, int seq) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", SubscriptionStreamTest.PUBLISH);
        body.put("variables", Map.of("c", "talk", "s", seq, "t", "token" + seq, "d", false));
        HttpResponse<String> response = SubscriptionStreamTest.http.send(HttpRequest.newBuilder(URI.create(api.graphQlUrl()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(SubscriptionStreamTest.JSON.writeValueAsBytes(body)))
                .header("content-type", "application/json").header("x-api-key", SubscriptionStreamTest.KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        return SubscriptionStreamTest.JSON.readTree(response.body());
    }
}
