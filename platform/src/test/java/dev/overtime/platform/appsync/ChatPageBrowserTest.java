package dev.overtime.platform.appsync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.async.AsyncSettings;
import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.TemplateContext;
import dev.overtime.platform.template.TemplateLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chat example of examples/template.yaml in headless Chromium: the page asks, the answer appears
 * token by token, and a reload mid-answer brings back the whole answer through replay. The answer the
 * page shows is compared with the one an independent AppSync-dialect subscriber records for the same
 * question (the stand-in model is deterministic per question), asked through the VTL resolver.
 * Screenshots go to target/screenshots/.
 */
class ChatPageBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String QUESTION = "How does Overtime keep streamed chunks in order?";
    private static final String SUBSCRIPTION = "subscription OnChunk($conversationId: ID!) {"
            + " onChunk(conversationId: $conversationId) { conversationId seq text done } }";

    @TempDir
    static Path data;
    static Platform platform;
    static ServedGraphQlApi chat;
    static String apiKey;

    @BeforeAll
    static void start() throws Exception {
        boolean required = System.getenv("OVERTIME_REQUIRE_BROWSER") != null;
        if (!Files.isExecutable(CHROMIUM)) {
            if (required) {
                fail("OVERTIME_REQUIRE_BROWSER is set but " + CHROMIUM + " is missing (apt-get install chromium)");
            }
            assumeTrue(false, CHROMIUM + " is missing; set OVERTIME_REQUIRE_BROWSER to make this a failure");
        }
        Path examples = Path.of("../examples/template.yaml");
        LoadedTemplate template = TemplateLoader.load(examples, Map.of(), TemplateContext.defaultsFor(examples));
        platform = Platform.start(new PlatformConfig("127.0.0.1", 0, EnvironmentSettings.defaults(data).withEcho(false),
                        AsyncSettings.defaults()),
                template.functions(), template.functionUrls(), template.eventInvokeConfigs(), template.versioning(),
                template.apis(), template.graphQlApis());
        chat = platform.graphQlApis().stream().filter(api -> api.definition().name().equals("chat")).findFirst()
                .orElseThrow(() -> new AssertionError("examples/template.yaml serves no GraphQL API named chat"));
        apiKey = chat.definition().apiKeys().get(0).id();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void chatPage_streamsTheAnswerProgressively_andAReloadMidAnswerShowsItWhole() throws Exception {
        String pageUrl = platform.functionUrl("chat-page-java")
                .orElseThrow(() -> new AssertionError("chat-page-java has no Function URL"));
        Path screenshots = Path.of("target/screenshots").toAbsolutePath();
        Files.createDirectories(screenshots);

        // The independent subscriber is live (start_ack) before its question is asked.
        try (AppSyncSubscriber reference = AppSyncSubscriber.start(chat.realtimeUrl(), chat.graphQlUrl(), apiKey,
                "reference-" + UUID.randomUUID())) {
            JsonNode asked = mutate("mutation A($c: ID!, $q: String!) { askVtl(conversationId: $c, question: $q) }",
                    Map.of("c", reference.conversationId, "q", QUESTION));
            assertThat(asked.path("errors").isMissingNode()).as(asked.toString()).isTrue();
            assertThat(asked.path("data").path("askVtl").isNull()).as("an Event resolver answers null").isTrue();

            NodeScripts.Run run = NodeScripts.run(Duration.ofMinutes(2), "chat-page.mjs", pageUrl, QUESTION,
                    screenshots.toString());
            List<JsonNode> events = new ArrayList<>();
            for (String line : run.stdout()) {
                events.add(JSON.readTree(line));
            }
            assertThat(run.exitCode()).as("chat-page.mjs: %s%n%s", run.stdout(), run.stderr()).isZero();

            List<JsonNode> observed = events.stream().filter(e -> e.path("event").asText().equals("observed")).toList();
            assertThat(observed).as("observations while streaming: %s", observed).hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(e -> assertThat(e.path("state").asText()).isEqualTo("streaming"));
            assertThat(observed).extracting(e -> e.path("length").asInt()).isSorted().doesNotHaveDuplicates();

            JsonNode reloaded = events.stream().filter(e -> e.path("event").asText().equals("reloaded")).findFirst()
                    .orElseThrow();
            assertThat(reloaded.path("state").asText()).as("reloaded mid-answer").isEqualTo("streaming");
            assertThat(reloaded.path("hash").asText()).startsWith("#c=");

            JsonNode done = events.stream().filter(e -> e.path("event").asText().equals("done")).findFirst()
                    .orElseThrow();
            String referenceAnswer = reference.awaitAnswer(Duration.ofSeconds(60));
            assertThat(referenceAnswer).hasSizeGreaterThan(100);
            assertThat(done.path("text").asText()).isEqualTo(referenceAnswer);
            assertThat(done.path("text").asText().length()).isGreaterThan(reloaded.path("length").asInt());
        }

        assertThat(screenshots.resolve("chat-streaming.png")).isNotEmptyFile();
        assertThat(screenshots.resolve("chat-after-reload.png")).isNotEmptyFile();
    }

    private static JsonNode mutate(String query, Map<String, Object> variables) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(chat.graphQlUrl()))
                .header("content-type", "application/json").header("x-api-key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("query", query, "variables", variables))))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        }
    }

    /**
     * A subscriber speaking AppSync's real-time protocol frame by frame over the JDK's WebSocket: the
     * {@code graphql-ws} and {@code header-<base64url auth>} subprotocols, connection_init and ack, a start
     * whose {@code payload.data} is a JSON string, start_ack, then data until the chunk marked done.
     */
    static final class AppSyncSubscriber implements AutoCloseable {
        final String conversationId;
        private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final HttpClient http = HttpClient.newHttpClient();
        private WebSocket socket;

        private AppSyncSubscriber(String conversationId) {
            this.conversationId = conversationId;
        }

        static AppSyncSubscriber start(String realtimeUrl, String graphQlUrl, String apiKey, String conversationId)
                throws Exception {
            AppSyncSubscriber s = new AppSyncSubscriber(conversationId);
            ObjectNode auth = JSON.createObjectNode().put("host", URI.create(graphQlUrl).getAuthority())
                    .put("x-api-key", apiKey);
            String header = "header-" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(JSON.writeValueAsBytes(auth));
            s.socket = s.http.newWebSocketBuilder().subprotocols("graphql-ws", header)
                    .buildAsync(URI.create(realtimeUrl), s.listener()).get(10, TimeUnit.SECONDS);
            assertThat(s.socket.getSubprotocol()).isEqualTo("graphql-ws");
            s.send(JSON.createObjectNode().put("type", "connection_init"));
            assertThat(s.next("connection_ack").path("payload").path("connectionTimeoutMs").isInt()).isTrue();
            ObjectNode start = JSON.createObjectNode().put("id", "1").put("type", "start");
            start.putObject("payload").put("data", JSON.writeValueAsString(Map.of("query", SUBSCRIPTION,
                    "variables", Map.of("conversationId", conversationId))))
                    .putObject("extensions").set("authorization", auth);
            s.send(start);
            s.next("start_ack");
            return s;
        }

        /** The answer's text in the platform's seq order, checking each chunk arrives once and in order. */
        String awaitAnswer(Duration timeout) throws Exception {
            StringBuilder text = new StringBuilder();
            long lastServerSeq = 0;
            int expectedChunkSeq = 1;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                JsonNode data = next("data", deadline);
                long serverSeq = data.path("payload").path("extensions").path("seq").asLong();
                assertThat(serverSeq).as("extensions.seq of %s", data).isGreaterThan(lastServerSeq);
                lastServerSeq = serverSeq;
                JsonNode chunk = data.path("payload").path("data").path("onChunk");
                assertThat(chunk.path("conversationId").asText()).isEqualTo(conversationId);
                assertThat(chunk.path("seq").asInt()).isEqualTo(expectedChunkSeq++);
                text.append(chunk.path("text").asText());
                if (chunk.path("done").asBoolean()) {
                    return text.toString();
                }
            }
        }

        private JsonNode next(String type) throws Exception {
            return next(type, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
        }

        /** The next message other than {@code ka}, which must be of {@code type}. */
        private JsonNode next(String type, long deadlineNanos) throws Exception {
            while (true) {
                JsonNode m = messages.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (m == null) {
                    throw new AssertionError("no " + type + " message in time");
                }
                if (!m.path("type").asText().equals("ka")) {
                    assertThat(m.path("type").asText()).as("message %s", m).isEqualTo(type);
                    return m;
                }
            }
        }

        private void send(JsonNode message) throws Exception {
            socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        }

        private WebSocket.Listener listener() {
            return new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence text, boolean last) {
                    partial.append(text);
                    if (last) {
                        try {
                            messages.add(JSON.readTree(partial.toString()));
                        } catch (Exception e) {
                            messages.add(JSON.createObjectNode().put("type", "unparseable").put("text", partial.toString()));
                        }
                        partial.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                    messages.add(JSON.createObjectNode().put("type", "closed " + statusCode + " " + reason));
                    return CompletableFuture.completedFuture(null);
                }
            };
        }

        @Override
        public void close() {
            if (socket != null) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
            }
            http.close();
        }
    }
}
