package dev.overtime.webadapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code AWS_LWA_INVOKE_MODE=response_stream}: the prelude, its NULs, and the body as it arrives. */
@SuppressWarnings("unchecked")
class StreamingTest {

    private AdapterHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new AdapterHarness();
        h.app.route("/ready", exchange -> TestApp.sendText(exchange, 200, "ok"));
        h.app.route("/sse", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.getResponseHeaders().add("Set-Cookie", "a=1");
            exchange.getResponseHeaders().add("Set-Cookie", "b=2");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("data: 1\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.write("data: 2\n\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        h.app.route("/teapot", exchange -> TestApp.sendText(exchange, 418, "short and stout"));
        h.env("AWS_LWA_INVOKE_MODE", "response_stream");
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    @Test
    void prelude_isStatusHeadersAndCookiesThenEightNuls() throws Exception {
        h.start();
        StubRuntimeApi.Post post = h.invoke(Events.functionUrl("GET", "/teapot", "", "{}", null, null, false));
        assertThat(post.path()).endsWith("/response");
        assertThat(post.headers().getFirst("Lambda-Runtime-Function-Response-Mode")).isEqualTo("streaming");
        assertThat(post.headers().getFirst("Content-Type")).isEqualTo("application/vnd.awslambda.http-integration-response");
        assertThat(post.headers().getFirst("Transfer-Encoding")).isEqualToIgnoringCase("chunked");

        byte[] body = post.body();
        int nul = indexOfNuls(body);
        assertThat(nul).isPositive();
        String prelude = new String(body, 0, nul, StandardCharsets.UTF_8);
        assertThat(prelude).startsWith("{\"statusCode\":418,\"headers\":{");
        Map<?, ?> parsed = (Map<String, Object>) Json.parse(prelude);
        assertThat(((Map<String, Object>) parsed.get("headers")).get("content-type")).isEqualTo("text/plain; charset=utf-8");
        assertThat((List<Object>) parsed.get("cookies")).isEmpty();
        assertThat(Arrays.copyOfRange(body, nul, nul + 8)).isEqualTo(new byte[8]);
        assertThat(new String(body, nul + 8, body.length - nul - 8, StandardCharsets.UTF_8)).isEqualTo("short and stout");
    }

    @Test
    void serverSentEvents_arriveIncrementally_cookiesInPrelude() throws Exception {
        h.start();
        StubRuntimeApi.Post post = h.invoke(Events.functionUrl("GET", "/sse", "", "{}", null, null, false));
        byte[] body = post.body();
        int nul = indexOfNuls(body);
        Map<?, ?> prelude = (Map<String, Object>) Json.parse(new String(body, 0, nul, StandardCharsets.UTF_8));
        assertThat((List<Object>) prelude.get("cookies")).containsExactly("a=1", "b=2");
        assertThat(((Map<String, Object>) prelude.get("headers")).get("content-type")).isEqualTo("text/event-stream");
        assertThat(new String(body, nul + 8, body.length - nul - 8, StandardCharsets.UTF_8))
                .isEqualTo("data: 1\n\ndata: 2\n\n");

        // The first event reached the Runtime API while the app was still sleeping before the second.
        int firstEventEnd = nul + 8 + "data: 1\n\n".length();
        long firstEventAt = 0;
        int seen = 0;
        for (int i = 0; i < post.arrivalSizes().size(); i++) {
            seen += post.arrivalSizes().get(i);
            if (seen >= firstEventEnd) {
                firstEventAt = post.arrivalNanos().get(i);
                break;
            }
        }
        long lastAt = post.arrivalNanos().get(post.arrivalNanos().size() - 1);
        assertThat((lastAt - firstEventAt) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    private static int indexOfNuls(byte[] body) {
        outer:
        for (int i = 0; i + 8 <= body.length; i++) {
            for (int j = 0; j < 8; j++) {
                if (body[i + j] != 0) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
