package dev.overtime.examples.chat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.overtime.lambda.PlainJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serves the chat page through a Function URL: {@code chat/index.html} with the API's addresses and key
 * from {@code GRAPHQL_URL}, {@code REALTIME_URL} and {@code GRAPHQL_API_KEY} written into it. The key is
 * the page's own: AppSync API keys are meant to be handed to browsers.
 *
 * <p>Handler: {@code dev.overtime.examples.chat.ChatPage}.
 */
public class ChatPage implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    static final String CONFIG_PLACEHOLDER = "\"__CHAT_CONFIG__\"";

    private static volatile String template;

    private final Map<String, String> env;

    public ChatPage() {
        this(System.getenv());
    }

    ChatPage(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("graphqlUrl", required("GRAPHQL_URL"));
        config.put("realtimeUrl", required("REALTIME_URL"));
        config.put("apiKey", required("GRAPHQL_API_KEY"));
        // Inside <script>, "</" would end the element early.
        String json = PlainJson.write(config).replace("</", "<\\/");
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", 200);
        response.put("headers", Map.of("content-type", "text/html; charset=utf-8", "cache-control", "no-store"));
        response.put("body", template().replace(CONFIG_PLACEHOLDER, json));
        return response;
    }

    private String required(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set; the template gives it from the API"
                    + " (!GetAtt ChatApi.GraphQLUrl, ChatApi.RealtimeUrl, ChatApiKey.ApiKey)");
        }
        return value.strip();
    }

    private static String template() {
        String page = template;
        if (page == null) {
            try (InputStream in = ChatPage.class.getResourceAsStream("/chat/index.html")) {
                if (in == null) {
                    throw new IllegalStateException("chat/index.html is missing from the function's jar");
                }
                page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read chat/index.html", e);
            }
            template = page;
        }
        return page;
    }
}
