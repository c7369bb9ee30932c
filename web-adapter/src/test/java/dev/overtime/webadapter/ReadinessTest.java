package dev.overtime.webadapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The readiness check holds every invoke back until the app is healthy; async init moves the wait. */
@SuppressWarnings("unchecked")
class ReadinessTest {

    private AdapterHarness h;
    private volatile long healthyAt;

    @BeforeEach
    void setUp() throws Exception {
        h = new AdapterHarness();
        long start = System.nanoTime();
        healthyAt = start + 1_000_000_000L;
        h.app.route("/ready", exchange -> TestApp.sendText(exchange, System.nanoTime() >= healthyAt ? 200 : 503, "?"));
        h.app.route("/hello", exchange -> TestApp.sendText(exchange, 200, "hello"));
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    @Test
    void appHealthyAfterOneSecond_getsNoRequestBefore() throws Exception {
        h.start();
        StubRuntimeApi.Post post = h.invoke(Events.functionUrl("GET", "/hello", "", "{}", null, null, false));
        assertThat(((Map<String, Object>) Json.parse(post.text())).get("body")).isEqualTo("hello");
        assertThat(h.app.requests()).hasSize(1);
        assertThat(h.app.requests().get(0).nanos()).isGreaterThanOrEqualTo(healthyAt);
        // Without async init the Runtime API is polled only once the app is ready.
        assertThat(h.runtime.firstNextNanos).isGreaterThanOrEqualTo(healthyAt);
        assertThat(h.app.seen.stream().filter(s -> s.uri().equals("/ready")).count()).isGreaterThan(10);
    }

    @Test
    void asyncInit_initEndsAtItsBudget_firstInvokeWaitsForTheApp() throws Exception {
        h.initBudgetMillis = 200;
        h.env("AWS_LWA_ASYNC_INIT", "true").start();
        StubRuntimeApi.Post post = h.invoke(Events.functionUrl("GET", "/hello", "", "{}", null, null, false));
        assertThat(((Map<String, Object>) Json.parse(post.text())).get("body")).isEqualTo("hello");
        assertThat(h.runtime.firstNextNanos).isLessThan(healthyAt);
        assertThat(h.app.requests().get(0).nanos()).isGreaterThanOrEqualTo(healthyAt);
    }

    @Test
    void healthyStatus_configurable_andMinUnhealthyStillAccepted() {
        AdapterConfig byList = AdapterConfig.from(Map.of("AWS_LWA_READINESS_CHECK_HEALTHY_STATUS", "200-399,404"));
        assertThat(byList.healthyStatus().get(404)).isTrue();
        assertThat(byList.healthyStatus().get(403)).isFalse();
        AdapterConfig byDefault = AdapterConfig.from(Map.of());
        assertThat(byDefault.healthyStatus().get(100)).isTrue();
        assertThat(byDefault.healthyStatus().get(499)).isTrue();
        assertThat(byDefault.healthyStatus().get(500)).isFalse();
        AdapterConfig old = AdapterConfig.from(Map.of("AWS_LWA_READINESS_CHECK_MIN_UNHEALTHY_STATUS", "400"));
        assertThat(old.healthyStatus().get(399)).isTrue();
        assertThat(old.healthyStatus().get(400)).isFalse();
    }

    @Test
    void ports_defaultAndFallbacks() {
        assertThat(AdapterConfig.from(Map.of()).port()).isEqualTo(8080);
        assertThat(AdapterConfig.from(Map.of("PORT", "3000")).port()).isEqualTo(3000);
        AdapterConfig both = AdapterConfig.from(Map.of("PORT", "3000", "AWS_LWA_PORT", "4000"));
        assertThat(both.port()).isEqualTo(4000);
        assertThat(both.readinessPort()).isEqualTo(4000);
        assertThat(AdapterConfig.from(Map.of("AWS_LWA_READINESS_CHECK_PORT", "9")).readinessPort()).isEqualTo(9);
        assertThat(AdapterConfig.from(Map.of()).readinessPath()).isEqualTo("/");
        assertThat(AdapterConfig.from(Map.of()).passThroughPath()).isEqualTo("/events");
    }

    @Test
    void tcpProtocol_readyOnceThePortAccepts() throws Exception {
        AdapterConfig tcp = AdapterConfig.from(Map.of("AWS_LWA_READINESS_CHECK_PROTOCOL", "TCP",
                "AWS_LWA_PORT", Integer.toString(h.app.port())));
        assertThat(tcp.readinessTcp()).isTrue();
        assertThat(new Readiness(tcp).checkOnce()).isTrue();
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        AdapterConfig none = AdapterConfig.from(Map.of("AWS_LWA_READINESS_CHECK_PROTOCOL", "tcp",
                "AWS_LWA_PORT", Integer.toString(closed)));
        assertThat(new Readiness(none).checkOnce()).isFalse();
    }
}
