package dev.overtime.webadapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launch contract: register as the {@code lambda-adapter} extension, then serve invokes. */
class MainTest {

    @Test
    void start_registersAsLambdaAdapterForNoEvents_thenServes() throws Exception {
        try (AdapterHarness h = new AdapterHarness()) {
            h.app.route("/", exchange -> TestApp.sendText(exchange, 200, "hi"));
            Thread t = new Thread(() -> {
                try {
                    Main.start(h.env);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            t.setDaemon(true);
            t.start();
            StubRuntimeApi.Post post = h.invoke(Events.functionUrl("GET", "/", "", "{}", null, null, false));
            assertThat(((Map<?, ?>) Json.parse(post.text())).get("body")).isEqualTo("hi");
            assertThat(h.runtime.registrations()).containsExactly("lambda-adapter {\"events\":[]}");
        }
    }
}
