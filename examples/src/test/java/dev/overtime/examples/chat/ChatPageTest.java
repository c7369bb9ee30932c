package dev.overtime.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatPageTest {

    @Test
    void page_carriesTheApiAddressesAndKey() {
        Map<String, Object> response = new ChatPage(Map.of("GRAPHQL_URL", "http://127.0.0.1:9100/graphql",
                "REALTIME_URL", "ws://127.0.0.1:9100/graphql/realtime", "GRAPHQL_API_KEY", "da2-abc"))
                .handleRequest(Map.of(), null);

        assertThat(response).containsEntry("statusCode", 200);
        assertThat(response.get("headers")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("content-type", "text/html; charset=utf-8");
        String html = (String) response.get("body");
        assertThat(html).startsWith("<!doctype html>")
                .contains("<script type=\"application/json\" id=\"chat-config\">{\"graphqlUrl\":"
                        + "\"http://127.0.0.1:9100/graphql\",\"realtimeUrl\":\"ws://127.0.0.1:9100/graphql/realtime\","
                        + "\"apiKey\":\"da2-abc\"}</script>")
                .doesNotContain("__CHAT_CONFIG__");
    }

    @Test
    void configValues_cannotCloseTheScriptElement() {
        String html = (String) new ChatPage(Map.of("GRAPHQL_URL", "http://h/graphql", "REALTIME_URL", "ws://h/r",
                "GRAPHQL_API_KEY", "</script><script>alert(1)</script>")).handleRequest(Map.of(), null).get("body");

        assertThat(html).contains("\"apiKey\":\"<\\/script><script>alert(1)<\\/script>\"")
                .doesNotContain("</script><script>alert(1)");
    }

    @Test
    void aMissingVariable_isNamed() {
        assertThatThrownBy(() -> new ChatPage(Map.of("GRAPHQL_URL", "http://h/graphql")).handleRequest(Map.of(), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("REALTIME_URL is not set");
    }
}
