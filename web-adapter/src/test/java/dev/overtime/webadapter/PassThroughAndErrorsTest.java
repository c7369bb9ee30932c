package dev.overtime.webadapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Non-HTTP events, AWS_LWA_ERROR_STATUS_CODES, failures reaching the app, and compression. */
@SuppressWarnings("unchecked")
class PassThroughAndErrorsTest {

    private static final String SQS = "{\"Records\":[{\"messageId\":\"m1\",\"body\":\"hello\",\"eventSource\":\"aws:sqs\"}]}";

    private AdapterHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new AdapterHarness();
        h.app.route("/ready", exchange -> TestApp.sendText(exchange, 200, "ok"));
        h.app.route("/events", exchange -> TestApp.send(exchange, 200, "application/json", "{\"ok\":true}".getBytes()));
        h.app.route("/sqs", exchange -> TestApp.sendText(exchange, 200, "not json"));
        h.app.route("/fail/", exchange -> {
            int status = Integer.parseInt(exchange.getRequestURI().getPath().substring(6));
            TestApp.sendText(exchange, status, "status " + status);
        });
        h.app.route("/slow", exchange -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestApp.sendText(exchange, 200, "late");
        });
        h.app.route("/text", exchange -> TestApp.sendText(exchange, 200, "compress me ".repeat(100)));
        h.app.route("/png", exchange -> TestApp.send(exchange, 200, "image/png", new byte[200]));
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    @Test
    void nonHttpEvent_isPostedRawToEvents_andTheAppsJsonIsTheResult() throws Exception {
        h.start();
        StubRuntimeApi.Post post = h.invoke(SQS);
        assertThat(post.text()).isEqualTo("{\"ok\":true}");
        TestApp.Seen seen = h.app.requests().get(0);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.uri()).isEqualTo("/events");
        assertThat(seen.header("content-type")).isEqualTo("application/json");
        assertThat(Events.utf8(seen.body())).isEqualTo(SQS);
    }

    @Test
    void passThroughPath_configurable_nonJsonAnswerIsNull() throws Exception {
        h.env("AWS_LWA_PASS_THROUGH_PATH", "/sqs").start();
        StubRuntimeApi.Post post = h.invoke(SQS);
        assertThat(post.text()).isEqualTo("null");
        assertThat(h.app.requests().get(0).uri()).isEqualTo("/sqs");
    }

    @Test
    void errorStatusCodes_failTheInvocation_othersPass() throws Exception {
        h.env("AWS_LWA_ERROR_STATUS_CODES", "500,502-504").start();
        StubRuntimeApi.Post failed = h.invoke(Events.functionUrl("GET", "/fail/503", "", "{}", null, null, false));
        assertThat(failed.isError()).isTrue();
        assertThat(failed.headers().getFirst("Lambda-Runtime-Function-Error-Type")).isEqualTo(InvokeLoop.ERROR_STATUS);
        Map<?, ?> error = (Map<String, Object>) Json.parse(failed.text());
        assertThat(error.get("errorType")).isEqualTo(InvokeLoop.ERROR_STATUS);
        assertThat(error.get("errorMessage")).isEqualTo("{\"statusCode\":503,\"body\":\"status 503\"}");

        StubRuntimeApi.Post passed = h.invoke(Events.functionUrl("GET", "/fail/501", "", "{}", null, null, false));
        assertThat(passed.isError()).isFalse();
        assertThat(((Map<String, Object>) Json.parse(passed.text())).get("statusCode")).isEqualTo(501L);
    }

    @Test
    void refusedConnection_failsTheInvocation() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        h.env("AWS_LWA_READINESS_CHECK_PORT", Integer.toString(h.app.port()))
                .env("AWS_LWA_PORT", Integer.toString(closed)).start();
        StubRuntimeApi.Post post = h.invoke(Events.functionUrl("GET", "/", "", "{}", null, null, false));
        assertThat(post.isError()).isTrue();
        assertThat(post.headers().getFirst("Lambda-Runtime-Function-Error-Type")).isEqualTo(InvokeLoop.APP_UNREACHABLE);
    }

    @Test
    void appSlowerThanTheDeadline_failsTheInvocation_nextInvokeWorks() throws Exception {
        h.start();
        String id = h.runtime.invoke(Events.functionUrl("GET", "/slow", "", "{}", null, null, false), 300);
        StubRuntimeApi.Post post = h.runtime.awaitPost();
        assertThat(post.requestId()).isEqualTo(id);
        assertThat(post.headers().getFirst("Lambda-Runtime-Function-Error-Type")).isEqualTo(InvokeLoop.APP_TIMEOUT);

        StubRuntimeApi.Post next = h.invoke(Events.functionUrl("GET", "/fail/200", "", "{}", null, null, false));
        assertThat(((Map<String, Object>) Json.parse(next.text())).get("body")).isEqualTo("status 200");
    }

    @Test
    void compression_gzipWhenAccepted_notForImagesOrWithoutAcceptEncoding() throws Exception {
        h.env("AWS_LWA_ENABLE_COMPRESSION", "true").start();
        Map<?, ?> gz = (Map<String, Object>) Json.parse(h.invoke(Events.functionUrl("GET", "/text", "",
                "{\"accept-encoding\":\"gzip, deflate, br\"}", null, null, false)).text());
        assertThat(gz.get("isBase64Encoded")).isEqualTo(true);
        assertThat(((Map<String, Object>) gz.get("headers")).get("content-encoding")).isEqualTo("gzip");
        byte[] zipped = Base64.getDecoder().decode((String) gz.get("body"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
            assertThat(Events.utf8(in.readAllBytes())).isEqualTo("compress me ".repeat(100));
        }

        Map<?, ?> plain = (Map<String, Object>) Json.parse(h.invoke(Events.functionUrl("GET", "/text", "", "{}", null, null, false)).text());
        assertThat(plain.get("isBase64Encoded")).isEqualTo(false);
        assertThat((Map<String, Object>) plain.get("headers")).doesNotContainKey("content-encoding");

        Map<?, ?> png = (Map<String, Object>) Json.parse(h.invoke(Events.functionUrl("GET", "/png", "",
                "{\"accept-encoding\":\"gzip\"}", null, null, false)).text());
        assertThat((Map<String, Object>) png.get("headers")).doesNotContainKey("content-encoding");
    }

    @Test
    void compression_isOffWhenStreaming() {
        AdapterConfig config = AdapterConfig.from(Map.of("AWS_LWA_ENABLE_COMPRESSION", "true",
                "AWS_LWA_INVOKE_MODE", "response_stream"));
        assertThat(config.compression()).isFalse();
        assertThat(config.streaming()).isTrue();
    }

    @Test
    void errorStatusCodes_parseLikeLwa() {
        var codes = AdapterConfig.parseStatusCodes("500, 502-504,x,422");
        assertThat(codes.stream().boxed().toList()).containsExactly(422, 500, 502, 503, 504);
    }
}
