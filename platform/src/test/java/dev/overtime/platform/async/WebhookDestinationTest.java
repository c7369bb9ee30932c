package dev.overtime.platform.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.overtime.platform.testfunctions.AttemptRecorder;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Destination records POSTed to a webhook outside Overtime, retried until the webhook takes them. */
class WebhookDestinationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private PlatformHarness harness;
    private HttpServer webhook;

    private record Delivery(Map<String, String> headers, JsonNode body) {
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    @Test
    void recordsArePostedWithCallHeadersAndRetriedUntilTheWebhookAcceptsThem() throws Exception {
        List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        AtomicInteger refusalsLeft = new AtomicInteger(1);
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = refusalsLeft.getAndDecrement() > 0 ? 503 : 204;
            if (status == 204) {
                deliveries.add(new Delivery(Map.of(
                        "X-Call-Id", exchange.getRequestHeaders().getFirst("X-Call-Id"),
                        "X-Function-Name", exchange.getRequestHeaders().getFirst("X-Function-Name"),
                        "X-Function-Status", exchange.getRequestHeaders().getFirst("X-Function-Status"),
                        "X-Overtime-Condition", exchange.getRequestHeaders().getFirst("X-Overtime-Condition")),
                        JSON.readTree(body)));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        webhook.start();
        harness = PlatformHarness.start(dir.resolve("data"),
                AsyncSettings.defaults().withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
                TestFunctions.java("recorder", AttemptRecorder.class.getName(), Duration.ofSeconds(10), 1, Map.of()));
        String hook = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook";
        harness.lambda().putFunctionEventInvokeConfig(r -> r.functionName("recorder").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(hook))));

        String payload = JSON.writeValueAsString(Map.of("log", dir.resolve("log").toString(), "value", "hooked",
                "fail", true));
        String requestId = harness.lambda().invoke(r -> r.functionName("recorder").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload))).responseMetadata().requestId();

        Eventually.await("the webhook took the record", Duration.ofSeconds(30), () -> deliveries.size() == 1);
        Delivery delivery = deliveries.getFirst();
        assertThat(delivery.headers()).containsEntry("X-Call-Id", requestId)
                .containsEntry("X-Function-Name", "recorder")
                .containsEntry("X-Function-Status", "500")
                .containsEntry("X-Overtime-Condition", "RetriesExhausted");
        assertThat(delivery.body().at("/requestContext/requestId").asText()).isEqualTo(requestId);
        assertThat(delivery.body().at("/responsePayload/errorMessage").asText()).isEqualTo("attempt failed for hooked");
        assertThat(refusalsLeft.get()).isNegative();
    }

    @Test
    void theDeprecatedInvokeAsyncQueuesAnEventToo() throws Exception {
        harness = PlatformHarness.start(dir.resolve("data"), AsyncSettings.defaults(),
                TestFunctions.java("recorder", AttemptRecorder.class.getName(), Duration.ofSeconds(10), 1, Map.of()));
        Path log = dir.resolve("log");
        String payload = JSON.writeValueAsString(Map.of("log", log.toString(), "value", "legacy"));

        // SDK v2 no longer models InvokeAsync; the AWS CLI's `invoke-async` sends this request.
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newHttpClient()) {
            response = client.send(HttpRequest.newBuilder(URI.create(harness.endpoint()
                            + "/2014-11-13/functions/recorder/invoke-async/"))
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        }

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"Status\":202}");
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        Eventually.await("the event ran", Duration.ofSeconds(30), () -> Files.exists(log));
        Eventually.await("the line is complete", Duration.ofSeconds(5), () -> {
            try {
                return Files.readString(log).endsWith(" legacy\n");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertThat(Files.readString(log)).startsWith(requestId + " ");
    }
}
