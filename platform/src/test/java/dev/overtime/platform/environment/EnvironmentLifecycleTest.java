package dev.overtime.platform.environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.testfunctions.Exiter;
import dev.overtime.platform.testfunctions.FileGate;
import dev.overtime.platform.testfunctions.Greeter;
import dev.overtime.platform.testfunctions.Rendezvous;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Environments: warm reuse, scale-out, concurrency limits, timeouts and crashes. */
class EnvironmentLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    static PlatformHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = PlatformHarness.start(data,
                TestFunctions.java("greeter", Greeter.class),
                TestFunctions.java("rendezvous", Rendezvous.class.getName(), Duration.ofSeconds(20), 4, Map.of()),
                TestFunctions.java("gate", FileGate.class.getName(), Duration.ofSeconds(20), 1, Map.of()),
                TestFunctions.java("slow", FileGate.class.getName(), Duration.ofSeconds(1), null, Map.of()),
                TestFunctions.java("exiter", Exiter.class));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static JsonNode invoke(String function, String payload) throws Exception {
        InvokeResponse r = harness.lambda().invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
        JsonNode body = JSON.readTree(r.payload().asUtf8String());
        return r.functionError() == null ? body : JSON.createObjectNode().put("functionError", r.functionError())
                .set("body", body);
    }

    @Test
    void sequentialInvokes_reuseOneWarmEnvironment() throws Exception {
        long first = invoke("greeter", "{}").get("pid").asLong();
        long second = invoke("greeter", "{}").get("pid").asLong();
        long third = invoke("greeter", "{}").get("pid").asLong();

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(harness.environments("greeter")).hasSize(1);
    }

    @Test
    void parallelInvokes_landOnSeveralWarmEnvironments_andAreReused() throws Exception {
        Set<Long> round1 = rendezvousRound(Files.createTempDirectory(data, "round1"));
        Set<Long> round2 = rendezvousRound(Files.createTempDirectory(data, "round2"));

        assertThat(round1).hasSize(4);
        assertThat(round2).isEqualTo(round1);
        assertThat(harness.environments("rendezvous")).hasSize(4);
        // Callers are answered before the runtimes ask for their next event: idle follows shortly.
        Eventually.await("all four environments to be idle again", Duration.ofSeconds(10),
                () -> harness.environments("rendezvous").stream().allMatch(e -> e.state() == EnvironmentState.IDLE));
    }

    private static Set<Long> rendezvousRound(Path dir) {
        return harness.pidsOfParallelInvokes("rendezvous", "{\"dir\":\"" + dir + "\",\"parties\":4}", 4);
    }

    @Test
    void invoke_whenReservedConcurrencyExhausted_isThrottledWithReason() throws Exception {
        Path started = data.resolve("gate-started");
        Path gate = data.resolve("gate-open");
        String payload = "{\"started\":\"" + started + "\",\"gate\":\"" + gate + "\"}";
        CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> {
            try {
                return invoke("gate", payload);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Eventually.await("the first invocation to be running", Duration.ofSeconds(20), () -> Files.exists(started));

        assertThatThrownBy(() -> invoke("gate", "{\"waitMillis\":0}"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.reasonAsString()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
                });

        Files.writeString(gate, "open");
        assertThat(first.join().has("pid")).isTrue();
        assertThat(invoke("gate", "{\"waitMillis\":0}").has("pid")).isTrue();
    }

    @Test
    void invoke_pastTimeout_answersSandboxTimedoutAndReplacesTheEnvironment() throws Exception {
        long before = invoke("slow", "{\"waitMillis\":0}").get("pid").asLong();

        JsonNode timedOut = invoke("slow", "{\"waitMillis\":30000}");

        assertThat(timedOut.get("functionError").asText()).isEqualTo("Unhandled");
        assertThat(timedOut.get("body").get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(timedOut.get("body").get("errorMessage").asText())
                .matches("RequestId: [0-9a-f-]{36} Error: Task timed out after 1\\.00 seconds");
        long after = invoke("slow", "{\"waitMillis\":0}").get("pid").asLong();
        assertThat(after).isNotEqualTo(before);
        assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void invoke_whenProcessDies_answersRuntimeExitErrorWithItsStatus() throws Exception {
        JsonNode crashed = invoke("exiter", "{\"status\":3}");

        assertThat(crashed.get("functionError").asText()).isEqualTo("Unhandled");
        assertThat(crashed.get("body").get("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(crashed.get("body").get("errorMessage").asText())
                .endsWith("Error: Runtime exited with error: exit status 3");
        JsonNode again = invoke("exiter", "{\"status\":4}");
        assertThat(again.get("body").get("errorMessage").asText()).endsWith("exit status 4");
    }
}
