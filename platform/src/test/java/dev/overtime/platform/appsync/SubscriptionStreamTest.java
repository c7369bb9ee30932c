package dev.overtime.platform.appsync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream guarantees over AppSync's real-time protocol: every chunk, in order, once, to every
 * subscriber; late and reconnecting subscribers catch up through replay; filters keep concurrent sessions
 * apart; a publish over the payload limit fails loudly.
 */
class SubscriptionStreamTest {

    static final String KEY = "da2-teststreamkey000000000000";
    static final String SCHEMA = """
            type Chunk { conversationId: ID! seq: Int! text: String! done: Boolean! }
            type Mutation {
              publishChunk(conversationId: ID!, seq: Int!, text: String!, done: Boolean!): Chunk
            }
            type Query { ping: String }
            type Subscription {
              onChunk(conversationId: ID!): Chunk @aws_subscribe(mutations: ["publishChunk"])
              onLateChunk(conversationId: ID!): Chunk @aws_subscribe(mutations: ["publishChunk"])
            }
            """;
    static final String PUBLISH = "mutation P($c: ID!, $s: Int!, $t: String!, $d: Boolean!) "
            + "{ publishChunk(conversationId: $c, seq: $s, text: $t, done: $d) { conversationId seq text done } }";
    static final String SUBSCRIBE = "subscription S($c: ID!) { onChunk(conversationId: $c) { conversationId seq text } }";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Platform platform;
    static ServedGraphQlApi api;
    static final HttpClient http = HttpClient.newHttpClient();

    /** The API these tests serve: {@code publishChunk} through a NONE data source, {@code onChunk} and {@code onLateChunk}. */
    static GraphQlApiDefinition definition() {
        return new GraphQlApiDefinition("StreamApi", "streamapi0000000000000000a", "stream",
                List.of(AuthMode.API_KEY), List.of(new GraphQlApiKey("StreamKey", KEY, "", 0)), SCHEMA,
                List.of(new DataSource.None("local")),
                List.of(new ResolverDefinition("Mutation", "publishChunk", "local", List.of(),
                                new ResolverCode.Vtl("{\"version\":\"2018-05-29\",\"payload\":$util.toJson($ctx.args)}",
                                        "$util.toJson($ctx.result)"), 0),
                        new ResolverDefinition("Subscription", "onLateChunk", "local", List.of(),
                                new ResolverCode.Js("import { util, extensions } from '@aws-appsync/utils';\n"
                                        + "export function request(ctx) { return { payload: null }; }\n"
                                        + "export function response(ctx) {\n"
                                        + "  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter("
                                        + "{ seq: { gt: 5 } }));\n"
                                        + "  return null;\n}"), 0),
                        new ResolverDefinition("Query", "ping", "local", List.of(),
                                new ResolverCode.Js("export function request(ctx) { return { payload: 'pong' }; }\n"
                                        + "export function response(ctx) { return ctx.result; }"), 0)),
                List.of());
    }

    @BeforeAll
    static void start() throws Exception {
        GraphQlApiDefinition definition = definition();
        platform = Platform.start(new PlatformConfig("127.0.0.1", 0,
                        EnvironmentSettings.defaults(dir.resolve("data")).withEcho(false)),
                List.of(), List.of(), Map.of(), Map.of(), List.of(), List.of(definition));
        api = platform.graphQlApis().iterator().next();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    static JsonNode post(String query, Map<String, Object> variables, String key) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.graphQlUrl()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .header("content-type", "application/json");
        if (key != null) {
            request.header("x-api-key", key);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed = JSON.readTree(response.body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) parsed).put("status", response.statusCode());
        return parsed;
    }

    static JsonNode publish(String conversation, int seq, String text) throws Exception {
        return post(PUBLISH, Map.of("c", conversation, "s", seq, "t", text, "d", false), KEY);
    }

    @Test
    void queriesNeedAValidKey() throws Exception {
        assertThat(post("{ ping }", Map.of(), KEY).at("/data/ping").asText()).isEqualTo("pong");
        JsonNode missing = post("{ ping }", Map.of(), null);
        assertThat(missing.get("status").asInt()).isEqualTo(401);
        assertThat(missing.at("/errors/0/errorType").asText()).isEqualTo("UnauthorizedException");
        JsonNode wrong = post("{ ping }", Map.of(), "da2-notakey");
        assertThat(wrong.get("status").asInt()).isEqualTo(401);
        JsonNode overHttp = post(SUBSCRIBE, Map.of("c", "x"), KEY);
        assertThat(overHttp.at("/errors/0/errorType").asText()).isEqualTo("UnsupportedOperation");
        assertThat(overHttp.at("/errors/0/message").asText()).contains("/graphql/realtime");
        JsonNode invalid = post("{ nope }", Map.of(), KEY);
        assertThat(invalid.at("/errors/0/message").asText()).contains("nope");
        assertThat(invalid.at("/errors/0/locations/0/line").asInt()).isEqualTo(1);
    }

    @Test
    void thousandChunksReachThreeSubscribersInOrderAndLateAndReconnectingOnesCatchUp() throws Exception {
        String conversation = "c-" + System.nanoTime();
        List<AppSyncSocket> live = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            AppSyncSocket socket = AppSyncSocket.connect(api.realtimeUrl(), KEY);
            assertThat(socket.start("s", SUBSCRIBE, Map.of("c", conversation), Map.of()).path("type").asText())
                    .isEqualTo("start_ack");
            live.add(socket);
        }
        AppSyncSocket dropping = AppSyncSocket.connect(api.realtimeUrl(), KEY);
        assertThat(dropping.start("d", SUBSCRIBE, Map.of("c", conversation), Map.of()).path("type").asText())
                .isEqualTo("start_ack");
        CountDownLatch halfway = new CountDownLatch(1);
        CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
            try {
                for (int seq = 1; seq <= 1000; seq++) {
                    JsonNode answer = publish(conversation, seq, "token" + seq + " ");
                    if (answer.has("errors")) {
                        throw new AssertionError("publish " + seq + " failed: " + answer);
                    }
                    if (seq == 500) {
                        halfway.await(30, TimeUnit.SECONDS);
                    }
                }
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        // The dropping subscriber reads 300 chunks, drops its connection, and reconnects asking for the rest.
        List<Integer> dropped = new ArrayList<>();
        long lastSeq = 0;
        while (dropped.size() < 300) {
            JsonNode message = dropping.next();
            dropped.add(message.at("/payload/data/onChunk/seq").asInt());
            lastSeq = message.at("/payload/extensions/seq").asLong();
        }
        dropping.close();
        // The late one joins after half of them and asks for everything kept.
        AppSyncSocket late = AppSyncSocket.connect(api.realtimeUrl(), KEY);
        assertThat(late.start("l", SUBSCRIBE, Map.of("c", conversation), Map.of("replay", Map.of("after", 0)))
                .path("type").asText()).isEqualTo("start_ack");
        AppSyncSocket back = AppSyncSocket.connect(api.realtimeUrl(), KEY);
        assertThat(back.start("b", SUBSCRIBE, Map.of("c", conversation), Map.of("replay", Map.of("after", lastSeq)))
                .path("type").asText()).isEqualTo("start_ack");
        halfway.countDown();
        publisher.get(120, TimeUnit.SECONDS);

        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            expected.add(i);
        }
        for (AppSyncSocket socket : live) {
            assertThat(chunks(socket, 1000)).isEqualTo(expected);
        }
        assertThat(chunks(late, 1000)).isEqualTo(expected);
        List<Integer> resumed = new ArrayList<>(dropped);
        resumed.addAll(chunks(back, 700));
        assertThat(resumed).isEqualTo(expected);
        for (AppSyncSocket socket : List.of(live.get(0), late, back)) {
            assertThat(socket.poll(java.time.Duration.ofMillis(200))).as("nothing more, no duplicate").isNull();
        }
        live.forEach(AppSyncSocket::close);
        late.close();
        back.close();
    }

    @Test
    void argumentsKeepConcurrentSessionsApart() throws Exception {
        try (AppSyncSocket alice = AppSyncSocket.connect(api.realtimeUrl(), KEY);
             AppSyncSocket bob = AppSyncSocket.connect(api.realtimeUrl(), KEY)) {
            alice.start("a", SUBSCRIBE, Map.of("c", "alice"), Map.of());
            bob.start("b", SUBSCRIBE, Map.of("c", "bob"), Map.of());
            for (int i = 1; i <= 20; i++) {
                publish(i % 2 == 0 ? "alice" : "bob", i, "x");
            }
            for (int i = 0; i < 10; i++) {
                assertThat(alice.next().at("/payload/data/onChunk/conversationId").asText()).isEqualTo("alice");
                assertThat(bob.next().at("/payload/data/onChunk/conversationId").asText()).isEqualTo("bob");
            }
            assertThat(alice.poll(java.time.Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void anEnhancedFilterFromTheSubscriptionsResolverNarrowsWhatArrives() throws Exception {
        try (AppSyncSocket late = AppSyncSocket.connect(api.realtimeUrl(), KEY)) {
            assertThat(late.start("f", "subscription F($c: ID!) { onLateChunk(conversationId: $c) { seq } }",
                    Map.of("c", "filtered"), Map.of()).path("type").asText()).isEqualTo("start_ack");
            for (int seq = 1; seq <= 10; seq++) {
                publish("filtered", seq, "t");
            }
            for (int seq = 6; seq <= 10; seq++) {
                assertThat(late.next().at("/payload/data/onLateChunk/seq").asInt()).isEqualTo(seq);
            }
            assertThat(late.poll(java.time.Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void anOversizePublishFailsLoudlyAndReachesNobody() throws Exception {
        try (AppSyncSocket watcher = AppSyncSocket.connect(api.realtimeUrl(), KEY)) {
            watcher.start("w", SUBSCRIBE, Map.of("c", "big"), Map.of());
            JsonNode answer = publish("big", 1, "x".repeat(300 * 1024));
            assertThat(answer.at("/errors/0/errorType").asText()).isEqualTo("PayloadTooLargeException");
            assertThat(answer.at("/errors/0/message").asText()).contains("245760");
            publish("big", 2, "small");
            assertThat(watcher.next().at("/payload/data/onChunk/seq").asInt()).isEqualTo(2);
        }
    }

    private static List<Integer> chunks(AppSyncSocket socket, int count) throws InterruptedException {
        List<Integer> seqs = new ArrayList<>();
        while (seqs.size() < count) {
            JsonNode message = socket.next();
            assertThat(message.path("type").asText()).as(message.toString()).isEqualTo("data");
            seqs.add(message.at("/payload/data/onChunk/seq").asInt());
        }
        return seqs;
    }
}
