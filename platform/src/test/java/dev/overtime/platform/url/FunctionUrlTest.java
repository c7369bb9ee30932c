package dev.overtime.platform.url;

import dev.overtime.platform.function.FunctionUrlDefinition;
import dev.overtime.platform.function.FunctionUrlDefinition.InvokeMode;
import dev.overtime.platform.testfunctions.StreamThenFail;
import dev.overtime.platform.testfunctions.Thrower;
import dev.overtime.platform.testfunctions.UrlEcho;
import dev.overtime.platform.testfunctions.UrlStreamer;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigResponse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Function URLs with a plain HTTP client, as curl or a browser would call them. */
class FunctionUrlTest {

    @TempDir
    static Path data;
    static PlatformHarness harness;
    static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        harness = PlatformHarness.startWithUrls(data, List.of(
                        TestFunctions.java("url-echo", UrlEcho.class),
                        TestFunctions.java("url-thrower", Thrower.class),
                        TestFunctions.java("url-streamer", UrlStreamer.class),
                        TestFunctions.java("url-stream-fail", StreamThenFail.class)),
                List.of(new FunctionUrlDefinition("url-echo", InvokeMode.BUFFERED, null),
                        new FunctionUrlDefinition("url-thrower", InvokeMode.BUFFERED, null),
                        new FunctionUrlDefinition("url-streamer", InvokeMode.RESPONSE_STREAM, null),
                        new FunctionUrlDefinition("url-stream-fail", InvokeMode.RESPONSE_STREAM, null)));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static String url(String function) {
        return harness.platform().functionUrl(function).orElseThrow();
    }

    @Test
    void bufferedUrl_sendsAVersion2EventAndMapsTheFullResponseForm() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("url-echo") + "orders/7?x=1&x=2"))
                .header("Cookie", "c1=v1; c2=v2")
                .POST(HttpRequest.BodyPublishers.ofString("{\"hello\":true}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("x-echo")).hasValue("yes");
        assertThat(r.headers().allValues("set-cookie")).containsExactly("a=1", "b=2");
        assertThat(r.body()).startsWith("2.0 POST /orders/7?x=1&x=2 q={x=1,2} body={\"hello\":true}")
                .contains("cookies=[c1=v1, c2=v2]");
    }

    @Test
    void bufferedUrl_whenTheFunctionFails_is502() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("url-thrower"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).isEqualTo("Internal Server Error");
    }

    @Test
    void streamingUrl_deliversThePreludeAndEachChunkAsItIsWritten() throws Exception {
        Path gate = data.resolve("url-gate-" + System.nanoTime());
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url("url-streamer") + "?gate=" + gate))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(r.headers().firstValue("x-stream")).hasValue("1");
        assertThat(r.headers().allValues("set-cookie")).containsExactly("session=abc");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("data: first");
            Files.writeString(gate, "open");
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).isEqualTo("data: second");
        }
    }

    @Test
    void streamingUrl_whenTheFunctionFailsMidway_theConnectionEndsAbnormally() throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url("url-stream-fail")))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> {
            try (InputStream body = r.body()) {
                body.readAllBytes();
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void streamingUrl_aClientThatLeavesMidStream_leavesTheEnvironmentServing() throws Exception {
        Path gate = data.resolve("leave-gate-" + System.nanoTime());
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url("url-streamer") + "?gate=" + gate))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = r.body();
        assertThat(new String(body.readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("data: ");
        body.close();
        Files.writeString(gate, "open");

        Path again = data.resolve("again-gate-" + System.nanoTime());
        Files.writeString(again, "open");
        HttpResponse<String> next = http.send(HttpRequest.newBuilder(URI.create(url("url-streamer") + "?gate=" + again))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(next.body()).isEqualTo("data: first\n\ndata: second\n\n");
        assertThat(harness.environments("url-streamer")).hasSize(1);
    }

    @Test
    void getFunctionUrlConfig_returnsAUrlThatWorksAsIs() throws Exception {
        GetFunctionUrlConfigResponse config = harness.lambda().getFunctionUrlConfig(b -> b.functionName("url-echo"));

        assertThat(config.invokeModeAsString()).isEqualTo("BUFFERED");
        assertThat(config.authTypeAsString()).isEqualTo("NONE");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(config.functionUrl())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(harness.lambda().listFunctionUrlConfigs(b -> b.functionName("url-streamer")).functionUrlConfigs())
                .singleElement().satisfies(c -> assertThat(c.invokeModeAsString()).isEqualTo("RESPONSE_STREAM"));
    }
}
