package dev.overtime.examples.chat;

import dev.overtime.lambda.PlainJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An OpenAI-compatible chat model ({@code POST /v1/chat/completions} with {@code stream: true}): OpenAI,
 * or any server that speaks its API (vLLM, Ollama, llama.cpp, LiteLLM...). Each SSE event's
 * {@code choices[0].delta.content} is a token; {@code [DONE]} ends the answer.
 */
final class OpenAiChatStream implements TokenSource {

    static final String SYSTEM_PROMPT = "You are a helpful assistant. Answer concisely.";

    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final HttpClient http;

    /**
     * @param baseUrl the API's base, with or without its {@code /v1} (e.g. {@code https://api.openai.com/v1})
     * @param apiKey  sent as a bearer token; null for servers that need none
     */
    OpenAiChatStream(String baseUrl, String apiKey, String model) {
        String base = baseUrl.strip().replaceAll("/+$", "");
        this.endpoint = URI.create(base + (base.endsWith("/v1") ? "" : "/v1") + "/chat/completions");
        this.apiKey = apiKey;
        this.model = model;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void answer(String question, Consumer<String> tokens) throws IOException, InterruptedException {
        String body = PlainJson.write(Map.of(
                "model", model,
                "stream", true,
                "messages", List.of(
                        Map.of("role", "system", "content", SYSTEM_PROMPT),
                        Map.of("role", "user", "content", question))));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                char[] start = new char[500];
                int n = Math.max(0, in.read(start));
                throw new IOException("The model at " + endpoint + " answered HTTP " + response.statusCode() + ": "
                        + new String(start, 0, n).strip());
            }
            boolean sawDone = ServerSentEvents.read(in, data -> {
                if (data.strip().equals("[DONE]")) {
                    return false;
                }
                String token = token(data);
                if (!token.isEmpty()) {
                    tokens.accept(token);
                }
                return true;
            });
            if (!sawDone) {
                throw new IOException("The model's stream from " + endpoint + " ended without [DONE]");
            }
        }
    }

    /** The content of one streamed completion chunk; empty for role-only or final chunks. */
    static String token(String data) {
        Object parsed = PlainJson.parse(data);
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException("Expected a chat completion chunk, got: " + data);
        }
        Map<?, ?> chunk = (Map<?, ?>) parsed;
        if (chunk.get("error") instanceof Map) {
            throw new IllegalStateException("The model reported an error: " + ((Map<?, ?>) chunk.get("error")).get("message"));
        }
        if (!(chunk.get("choices") instanceof List) || ((List<?>) chunk.get("choices")).isEmpty()) {
            return "";
        }
        Object choice = ((List<?>) chunk.get("choices")).get(0);
        Object delta = choice instanceof Map ? ((Map<?, ?>) choice).get("delta") : null;
        Object content = delta instanceof Map ? ((Map<?, ?>) delta).get("content") : null;
        return content instanceof String ? (String) content : "";
    }
}
