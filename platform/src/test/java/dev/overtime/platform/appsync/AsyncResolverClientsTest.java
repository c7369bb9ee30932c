package dev.overtime.platform.appsync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pattern the GraphQL door exists for, end to end with real npm clients on the chat example: a mutation
 * whose resolver invokes a Java function asynchronously ({@code invocationType: 'Event'}) answers null at once;
 * the function streams its answer back chunk by chunk through a publish mutation; the subscriber gets every
 * chunk in order. The APPSYNC_JS resolver ({@code ask}) and the VTL one ({@code askVtl}) give the same answer.
 */
class AsyncResolverClientsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "Why do streamed answers need ordering?";

    @TempDir
    static Path data;
    static Platform platform;
    static ServedGraphQlApi chat;
    static String apiKey;

    @BeforeAll
    static void start() throws Exception {
        Path examples = Path.of("../examples/template.yaml");
        LoadedTemplate template = TemplateLoader.load(examples, Map.of(), TemplateContext.defaultsFor(examples));
        platform = Platform.start(new PlatformConfig("127.0.0.1", 0, EnvironmentSettings.defaults(data).withEcho(false),
                        AsyncSettings.defaults()),
                template.functions(), template.functionUrls(), template.eventInvokeConfigs(), template.versioning(),
                template.apis(), template.graphQlApis());
        chat = platform.graphQlApis().stream().filter(api -> api.definition().name().equals("chat")).findFirst()
                .orElseThrow();
        apiKey = chat.definition().apiKeys().getFirst().id();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void graphqlWsFollowsAnAnswerAskedThroughTheJsResolverAndAppSyncLinkOneAskedThroughVtl() throws Exception {
        String wsUrl = chat.graphQlUrl().replace("http://", "ws://");
        NodeScripts.Run viaJs = NodeScripts.run(Duration.ofSeconds(90), "chat-graphql-ws.mjs", chat.graphQlUrl(),
                wsUrl, apiKey, "ask", "js-" + UUID.randomUUID(), QUESTION);
        String jsAnswer = answer(viaJs, "ask");
        String vtlAnswer = answerThroughAppSyncLink("vtl-" + UUID.randomUUID());
        assertThat(jsAnswer).isNotBlank().isEqualTo(vtlAnswer);
    }

    /**
     * Subscribes with aws-appsync-subscription-link, asks through the VTL resolver once the API has the
     * subscription, and returns the answer the chunks spell.
     */
    private static String answerThroughAppSyncLink(String conversation) throws Exception {
        int before = chat.engine().hub().subscriberCount();
        Process client = NodeScripts.start("chat-appsync-link.mjs", chat.graphQlUrl(), apiKey, conversation);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (chat.engine().hub().subscriberCount() <= before) {
                if (System.nanoTime() > deadline || !client.isAlive()) {
                    throw new AssertionError("the subscription-link client did not subscribe: "
                            + new String(client.getErrorStream().readAllBytes()));
                }
                Thread.onSpinWait();
            }
            java.util.concurrent.CompletableFuture<List<String>> lines = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> new java.io.BufferedReader(new java.io.InputStreamReader(client.getInputStream(),
                            java.nio.charset.StandardCharsets.UTF_8)).lines().toList());
            JsonNode mutation = ask("askVtl", conversation);
            List<String> output = new ArrayList<>(lines.get(90, java.util.concurrent.TimeUnit.SECONDS));
            output.add(0, JSON.writeValueAsString(JSON.createObjectNode().put("event", "mutation")
                    .put("status", 200).set("body", mutation)));
            return answer(new NodeScripts.Run(client.waitFor(), output, ""), "askVtl");
        } finally {
            client.destroyForcibly();
        }
    }

    private static JsonNode ask(String field, String conversation) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(chat.graphQlUrl()))
                        .header("content-type", "application/json").header("x-api-key", apiKey)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                                "query", "mutation A($c: ID!, $q: String!) { " + field
                                        + "(conversationId: $c, question: $q) }",
                                "variables", Map.of("c", conversation, "q", QUESTION))))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Checks the run's mutation and chunks, and returns the answer the chunks spell. */
    private static String answer(NodeScripts.Run run, String field) throws Exception {
        assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
        JsonNode mutation = null;
        List<JsonNode> chunks = new ArrayList<>();
        for (String line : run.stdout()) {
            JsonNode event = JSON.readTree(line);
            switch (event.path("event").asText()) {
                case "mutation" -> mutation = event;
                case "chunk" -> chunks.add(event.get("chunk"));
                default -> throw new AssertionError("unexpected event: " + line);
            }
        }
        assertThat(mutation).as("the mutation's answer").isNotNull();
        assertThat(mutation.path("status").asInt()).isEqualTo(200);
        assertThat(mutation.at("/body/data").has(field)).isTrue();
        assertThat(mutation.at("/body/data/" + field).isNull()).as("an Event invoke answers null").isTrue();
        assertThat(mutation.at("/body/errors").isMissingNode()).isTrue();
        assertThat(chunks).hasSizeGreaterThan(5);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < chunks.size(); i++) {
            assertThat(chunks.get(i).path("seq").asInt()).as("chunk %d in order, once", i).isEqualTo(i + 1);
            assertThat(chunks.get(i).path("done").asBoolean()).isEqualTo(i == chunks.size() - 1);
            text.append(chunks.get(i).path("text").asText());
        }
        return text.toString();
    }
}
