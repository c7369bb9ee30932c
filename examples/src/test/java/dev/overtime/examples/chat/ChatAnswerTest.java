package dev.overtime.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import dev.overtime.lambda.PlainJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatAnswerTest {

    private final List<Map<String, Object>> published = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> modelRequests = new CopyOnWriteArrayList<>();
    private final List<String> modelAuth = new CopyOnWriteArrayList<>();
    private LocalHttp graphQlApi;

    @BeforeEach
    void startApi() throws IOException {
        graphQlApi = new LocalHttp("/graphql", exchange -> {
            Map<String, Object> body = readJson(exchange);
            if (!"da2-key".equals(exchange.getRequestHeaders().getFirst("x-api-key"))) {
                LocalHttp.answer(exchange, 401, "application/json",
                        "{\"errors\":[{\"errorType\":\"UnauthorizedException\",\"message\":\"no key\"}]}");
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = (Map<String, Object>) body.get("variables");
            published.add(variables);
            LocalHttp.answer(exchange, 200, "application/json",
                    PlainJson.write(Map.of("data", Map.of("publishChunk", variables))));
        });
    }

    @AfterEach
    void stopApi() {
        graphQlApi.close();
    }

    private Map<String, String> env(String... more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "GRAPHQL_URL", graphQlApi.base() + "/graphql", "GRAPHQL_API_KEY", "da2-key"));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    @Test
    void standInModel_publishesEveryTokenInOrder_thenADoneChunk() {
        String question = "Why stream answers token by token?";

        Map<String, Object> result = new ChatAnswer(env("STAND_IN_TOKENS_PER_SECOND", "5000"))
                .handleRequest(Map.of("conversationId", "conv-7", "question", question), null);

        List<String> tokens = StandInModel.tokens(question);
        assertThat(published).hasSize(tokens.size() + 1);
        assertThat(published).extracting(p -> p.get("seq"))
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, tokens.size() + 1).boxed().toList());
        assertThat(published).allSatisfy(p -> assertThat(p.get("conversationId")).isEqualTo("conv-7"));
        assertThat(published.subList(0, tokens.size())).extracting(p -> p.get("text")).containsExactlyElementsOf(tokens);
        assertThat(published.get(tokens.size())).containsEntry("done", true).containsEntry("text", "");
        assertThat(published.subList(0, tokens.size())).allSatisfy(p -> assertThat(p.get("done")).isEqualTo(false));
        assertThat(result).containsEntry("chunks", tokens.size() + 1).containsEntry("failed", false);
    }

    @Test
    void openAiCompatibleModel_isStreamedThroughServerSentEvents() throws IOException {
        try (LocalHttp model = new LocalHttp("/v1/chat/completions", exchange -> {
            modelRequests.add(readJson(exchange));
            modelAuth.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                sse(out, "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}");
                out.write(": keep-alive comment\n\n".getBytes(StandardCharsets.UTF_8));
                sse(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Paris\"}}]}");
                sse(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" is the capital\"}}]}");
                sse(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" of France.\"}}]}");
                sse(out, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
                sse(out, "[DONE]");
            }
        })) {
            Map<String, Object> result = new ChatAnswer(env("OPENAI_BASE_URL", model.base(), "OPENAI_API_KEY", "sk-test",
                    "OPENAI_MODEL", "tiny-model"))
                    .handleRequest(Map.of("arguments", Map.of("conversationId", "c", "question", "Capital of France?")),
                            null);

            assertThat(published).extracting(p -> p.get("text"))
                    .containsExactly("Paris", " is the capital", " of France.", "");
            assertThat(published.get(3)).containsEntry("done", true);
            assertThat(modelAuth).containsExactly("Bearer sk-test");
            assertThat(modelRequests).singleElement().satisfies(r -> {
                assertThat(r).containsEntry("model", "tiny-model").containsEntry("stream", true);
                assertThat(r.get("messages").toString()).contains("Capital of France?");
            });
            assertThat(result).containsEntry("failed", false);
        }
    }

    @Test
    void aFailingModel_endsTheAnswerWithAChunkThatSaysSo() throws IOException {
        try (LocalHttp model = new LocalHttp("/v1/chat/completions", exchange ->
                LocalHttp.answer(exchange, 500, "application/json", "{\"error\":{\"message\":\"model overloaded\"}}"))) {
            Map<String, Object> result = new ChatAnswer(env("OPENAI_BASE_URL", model.base() + "/v1"))
                    .handleRequest(Map.of("conversationId", "c", "question", "q"), null);

            assertThat(published).singleElement().satisfies(p -> {
                assertThat(p).containsEntry("done", true).containsEntry("seq", 1L);
                assertThat((String) p.get("text")).contains("The model failed").contains("HTTP 500")
                        .contains("model overloaded");
            });
            assertThat(result).containsEntry("failed", true);
        }
    }

    @Test
    void aRefusedPublish_failsTheInvocation() {
        Map<String, String> env = env("STAND_IN_TOKENS_PER_SECOND", "5000");
        env.put("GRAPHQL_API_KEY", "da2-wrong");

        assertThatThrownBy(() -> new ChatAnswer(env).handleRequest(Map.of("conversationId", "c", "question", "q"), null))
                .isInstanceOf(dev.overtime.lambda.appsync.PublishException.class)
                .hasMessageContaining("UnauthorizedException");
    }

    @Test
    void anEventWithoutAQuestion_isRefusedClearly() {
        assertThatThrownBy(() -> new ChatAnswer(env()).handleRequest(Map.of("conversationId", "c"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no question").hasMessageContaining("[conversationId]");
        assertThat(published).isEmpty();
    }

    private static void sse(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readJson(HttpExchange exchange) throws IOException {
        return (Map<String, Object>) PlainJson.parse(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
    }
}
