package dev.overtime.platform.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.testfunctions.AttemptRecorder;
import dev.overtime.platform.testfunctions.FileGate;
import dev.overtime.platform.testfunctions.PayloadWriter;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.MovableClock;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Event invokes through the AWS SDK v2: acceptance, retries, event age, destination records and redrive. */
class AsyncInvocationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN_PREFIX = "arn:aws:lambda:us-east-1:123456789012:function:";

    @TempDir
    Path dir;
    private PlatformHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private PlatformHarness start(AsyncSettings async) throws Exception {
        Files.createDirectories(dir.resolve("records"));
        harness = PlatformHarness.start(dir.resolve("data"), async,
                TestFunctions.java("recorder", AttemptRecorder.class.getName(), Duration.ofSeconds(10), 1, Map.of()),
                TestFunctions.java("on-success", PayloadWriter.class.getName(), Duration.ofSeconds(10), 1,
                        Map.of("RECORD_DIR", dir.resolve("records").toString())),
                TestFunctions.java("on-failure", PayloadWriter.class.getName(), Duration.ofSeconds(10), 1,
                        Map.of("RECORD_DIR", dir.resolve("records").toString())));
        return harness;
    }

    private static AsyncSettings fast() {
        return AsyncSettings.defaults().withRetryDelays(Duration.ofMillis(300), Duration.ofMillis(600));
    }

    private String event(Map<String, Object> payload) throws IOException {
        SdkBytes body = SdkBytes.fromUtf8String(JSON.writeValueAsString(payload));
        InvokeResponse response = harness.lambda().invoke(r -> r.functionName("recorder")
                .invocationType(InvocationType.EVENT).payload(body));
        assertThat(response.statusCode()).isEqualTo(202);
        return response.responseMetadata().requestId();
    }

    /** Attempts the recorder logged for one request id: epoch millis of each. */
    private List<Long> attempts(Path log, String requestId) {
        List<Long> times = new ArrayList<>();
        try {
            if (!Files.exists(log)) {
                return times;
            }
            for (String line : Files.readAllLines(log)) {
                String[] parts = line.split(" ");
                if (parts[0].equals(requestId)) {
                    times.add(Long.parseLong(parts[1]));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return times;
    }

    private List<JsonNode> records() {
        try (Stream<Path> files = Files.list(dir.resolve("records"))) {
            List<JsonNode> out = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                out.add(JSON.readTree(file.toFile()));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<EventState, Long> counts(String function) {
        return harness.platform().async().counts(function).join();
    }

    @Test
    void eventInvokeAnswers202AndRunsWithTheSameRequestId() throws Exception {
        start(fast());
        Path log = dir.resolve("log");
        String requestId = event(Map.of("log", log.toString(), "value", "first"));

        Eventually.await("the event ran", Duration.ofSeconds(30), () -> attempts(log, requestId).size() == 1);
        Eventually.await("the event left the queue", Duration.ofSeconds(10),
                () -> counts("recorder").values().stream().allMatch(n -> n == 0));
        assertThat(Files.readString(log)).contains(requestId + " ").contains(" first");
    }

    @Test
    void failingFunctionIsRetriedTheConfiguredTimesAfterTheConfiguredDelays() throws Exception {
        start(fast());
        harness.lambda().putFunctionEventInvokeConfig(r -> r.functionName("recorder").maximumRetryAttempts(2));
        Path log = dir.resolve("log");
        String requestId = event(Map.of("log", log.toString(), "value", "doomed", "fail", true));

        Eventually.await("the event is dead", Duration.ofSeconds(60), () -> counts("recorder").get(EventState.DEAD) == 1);
        List<Long> times = attempts(log, requestId);
        assertThat(times).hasSize(3);
        assertThat(times.get(1) - times.get(0)).isGreaterThanOrEqualTo(300).isLessThan(10_000);
        assertThat(times.get(2) - times.get(1)).isGreaterThanOrEqualTo(600).isLessThan(10_000);
        QueuedEvent dead = harness.platform().async().event(requestId).join().orElseThrow();
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.condition()).isEqualTo("RetriesExhausted");
        assertThat(dead.lastError()).contains("attempt failed for doomed");
    }

    @Test
    void zeroRetriesMeansOneAttempt() throws Exception {
        start(fast());
        harness.lambda().putFunctionEventInvokeConfig(r -> r.functionName("recorder").maximumRetryAttempts(0));
        Path log = dir.resolve("log");
        String requestId = event(Map.of("log", log.toString(), "value", "once", "fail", true));

        Eventually.await("the event is dead", Duration.ofSeconds(30), () -> counts("recorder").get(EventState.DEAD) == 1);
        assertThat(attempts(log, requestId)).hasSize(1);
    }

    @Test
    void successAndFailureDestinationsReceiveAwsRecords() throws Exception {
        start(fast());
        harness.lambda().putFunctionEventInvokeConfig(r -> r.functionName("recorder").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onSuccess(s -> s.destination(ARN_PREFIX + "on-success"))
                        .onFailure(f -> f.destination(ARN_PREFIX + "on-failure"))));
        Path log = dir.resolve("log");
        String ok = event(Map.of("log", log.toString(), "value", "fine"));
        String bad = event(Map.of("log", log.toString(), "value", "broken", "fail", true));

        Eventually.await("two records", Duration.ofSeconds(60), () -> records().size() == 2);
        JsonNode success = records().stream().filter(r -> r.at("/requestContext/requestId").asText().equals(ok))
                .findFirst().orElseThrow();
        JsonNode failure = records().stream().filter(r -> r.at("/requestContext/requestId").asText().equals(bad))
                .findFirst().orElseThrow();

        assertThat(fieldNames(success)).containsExactly("version", "timestamp", "requestContext", "requestPayload",
                "responseContext", "responsePayload");
        assertThat(success.get("version").asText()).isEqualTo("1.0");
        assertThat(success.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(JSON.writeValueAsString(success.get("requestContext"))).isEqualTo("{\"requestId\":\"" + ok
                + "\",\"functionArn\":\"" + ARN_PREFIX + "recorder:$LATEST\",\"condition\":\"Success\","
                + "\"approximateInvokeCount\":1}");
        assertThat(success.get("requestPayload")).isEqualTo(JSON.valueToTree(Map.of("log", log.toString(), "value", "fine")));
        assertThat(JSON.writeValueAsString(success.get("responseContext")))
                .isEqualTo("{\"statusCode\":200,\"executedVersion\":\"$LATEST\"}");
        assertThat(success.get("responsePayload")).isEqualTo(JSON.valueToTree(Map.of("echo", "fine")));

        assertThat(JSON.writeValueAsString(failure.get("requestContext"))).isEqualTo("{\"requestId\":\"" + bad
                + "\",\"functionArn\":\"" + ARN_PREFIX + "recorder:$LATEST\",\"condition\":\"RetriesExhausted\","
                + "\"approximateInvokeCount\":1}");
        assertThat(JSON.writeValueAsString(failure.get("responseContext")))
                .isEqualTo("{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"}");
        assertThat(failure.at("/responsePayload/errorMessage").asText()).isEqualTo("attempt failed for broken");
        assertThat(failure.at("/responsePayload/errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void anEventOlderThanItsMaximumAgeGoesDownTheFailurePath() throws Exception {
        MovableClock clock = new MovableClock();
        start(AsyncSettings.defaults().withRetryDelays(Duration.ofSeconds(1), Duration.ofSeconds(1)).withClock(clock));
        harness.lambda().putFunctionEventInvokeConfig(r -> r.functionName("recorder").maximumRetryAttempts(2)
                .maximumEventAgeInSeconds(60)
                .destinationConfig(d -> d.onFailure(f -> f.destination(ARN_PREFIX + "on-failure"))));
        Path log = dir.resolve("log");
        String requestId = event(Map.of("log", log.toString(), "value", "stale", "fail", true));
        Eventually.await("the first attempt", Duration.ofSeconds(30), () -> attempts(log, requestId).size() == 1);

        clock.advance(Duration.ofSeconds(61));

        Eventually.await("the failure record", Duration.ofSeconds(30), () -> records().size() == 1);
        JsonNode record = records().getFirst();
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("EventAgeExceeded");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(attempts(log, requestId)).hasSize(1);
        assertThat(harness.platform().async().event(requestId).join().orElseThrow().condition())
                .isEqualTo("EventAgeExceeded");
    }

    @Test
    void redriveRunsADeadEventAgain() throws Exception {
        start(fast());
        harness.lambda().putFunctionEventInvokeConfig(r -> r.functionName("recorder").maximumRetryAttempts(0));
        Path log = dir.resolve("log");
        Path failFlag = Files.createFile(dir.resolve("fail"));
        String requestId = event(Map.of("log", log.toString(), "value", "phoenix", "failWhile", failFlag.toString()));
        Eventually.await("the event is dead", Duration.ofSeconds(30), () -> counts("recorder").get(EventState.DEAD) == 1);

        Files.delete(failFlag);
        List<QueuedEvent> redriven = harness.platform().async().redrive("recorder", requestId).join();

        assertThat(redriven).extracting(QueuedEvent::id).containsExactly(requestId);
        Eventually.await("the redriven event succeeded", Duration.ofSeconds(30),
                () -> harness.platform().async().event(requestId).join().isEmpty());
        assertThat(attempts(log, requestId)).hasSize(2);
    }

    @Test
    void aThrottledEventBacksOffWithoutSpendingAnAttemptAndRunsOnceThereIsRoom() throws Exception {
        harness = PlatformHarness.start(dir.resolve("data"),
                AsyncSettings.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)),
                TestFunctions.java("gated", FileGate.class.getName(), Duration.ofSeconds(30), 1, Map.of()));
        Path gate = dir.resolve("gate");
        Path started = dir.resolve("started");
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<InvokeResponse> busy = caller.submit(() -> harness.lambda().invoke(r -> r.functionName("gated")
                    .payload(SdkBytes.fromUtf8String("{\"gate\":\"" + gate + "\",\"started\":\"" + started + "\"}"))));
            Eventually.await("the synchronous call holds the only environment", Duration.ofSeconds(30),
                    () -> Files.exists(started));
            Path asyncStarted = dir.resolve("async-started");
            String requestId = harness.lambda().invoke(r -> r.functionName("gated").invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{\"waitMillis\":0,\"started\":\"" + asyncStarted + "\"}")))
                    .responseMetadata().requestId();

            Eventually.await("the event was throttled twice", Duration.ofSeconds(30), () -> harness.platform().async()
                    .event(requestId).join().map(e -> e.throttles() >= 2).orElse(false));
            QueuedEvent throttled = harness.platform().async().event(requestId).join().orElseThrow();
            assertThat(throttled.attempts()).isZero();
            assertThat(throttled.lastError()).contains("TooManyRequestsException")
                    .contains("ReservedFunctionConcurrentInvocationLimitExceeded");
            assertThat(Files.exists(asyncStarted)).isFalse();

            Files.createFile(gate);
            assertThat(busy.get().functionError()).isNull();
            Eventually.await("the event ran", Duration.ofSeconds(30), () -> Files.exists(asyncStarted));
            Eventually.await("and left the queue", Duration.ofSeconds(10),
                    () -> harness.platform().async().event(requestId).join().isEmpty());
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void eventsRunInArrivalOrderWhenConcurrencyIsOne() throws Exception {
        start(fast());
        Path log = dir.resolve("log");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(event(Map.of("log", log.toString(), "value", "n" + i)));
        }
        Eventually.await("all ran", Duration.ofSeconds(60), () -> {
            try {
                return Files.exists(log) && Files.readAllLines(log).size() == 20;
            } catch (IOException e) {
                return false;
            }
        });
        assertThat(Files.readAllLines(log)).extracting(line -> line.split(" ")[0]).containsExactlyElementsOf(ids);
    }
}
