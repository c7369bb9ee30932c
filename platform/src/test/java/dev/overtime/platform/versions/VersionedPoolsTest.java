package dev.overtime.platform.versions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.environment.EnvironmentState;
import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each version runs in environments of its own, which share the function's concurrency. */
class VersionedPoolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Answers with its version, its COLOR and how it was initialised. An event {"hold":true} first
     * touches $STARTED, then waits until $RELEASE exists: the test decides when it ends.
     */
    private static final String REPORTS_ITSELF = TestFunctions.loop("""
              if [[ "$EVENT" == *hold* ]]; then
                touch "$STARTED"
                while [ ! -f "$RELEASE" ]; do sleep 0.02; done
              fi
              curl -sS -X POST "$API/invocation/$ID/response" -d "{\\"version\\":\\"$AWS_LAMBDA_FUNCTION_VERSION\\",\\
            \\"color\\":\\"${COLOR:-none}\\",\\"init\\":\\"$AWS_LAMBDA_INITIALIZATION_TYPE\\"}" >/dev/null
            """);

    @TempDir
    Path dir;

    private FunctionDefinition function(Integer reserved) {
        FunctionDefinition f = TestFunctions.bootstrap(dir, "reporter", REPORTS_ITSELF, Duration.ofSeconds(30),
                reserved);
        return new FunctionDefinition(f.logicalId(), f.name(), f.runtime(), f.handler(), f.code(), f.timeout(),
                f.memorySizeMb(), Map.of("COLOR", "red", "STARTED", dir.resolve("started").toString(),
                "RELEASE", dir.resolve("release").toString()), reserved, "");
    }

    private static ConfigurationChange color(String color, Path dir) {
        return new ConfigurationChange(null, null, null, null, null, Map.of("COLOR", color,
                "STARTED", dir.resolve("started").toString(), "RELEASE", dir.resolve("release").toString()),
                null, null, null);
    }

    private static JsonNode answer(InvokeResponse response) throws Exception {
        assertThat(response.functionError()).isNull();
        return JSON.readTree(response.payload().asUtf8String());
    }

    @Test
    void anUpdate_letsTheInvocationInFlightFinishOnTheOldConfiguration_andTheNextRunsTheNew() throws Exception {
        try (PlatformHarness platform = PlatformHarness.start(dir.resolve("data"), function(null))) {
            DeployedFunction reporter = platform.platform().functions().find("reporter").orElseThrow();
            CompletableFuture<InvokeResponse> held = CompletableFuture.supplyAsync(() -> platform.lambda().invoke(
                    b -> b.functionName("reporter").payload(SdkBytes.fromUtf8String("{\"hold\":true}"))));
            Eventually.await("the held invocation runs", Duration.ofSeconds(10),
                    () -> Files.exists(dir.resolve("started")));
            var oldPool = reporter.latest().pool();

            reporter.update(color("blue", dir), null);

            JsonNode next = answer(platform.lambda().invoke(b -> b.functionName("reporter")));
            assertThat(next.get("color").asText()).isEqualTo("blue");
            Files.createFile(dir.resolve("release"));
            JsonNode finished = answer(held.get());
            assertThat(finished.get("color").asText()).isEqualTo("red");
            Eventually.await("the replaced environment stops once its invocation settled", Duration.ofSeconds(10),
                    oldPool::isEmpty);
            assertThat(reporter.latest().pool().describe()).hasSize(1);
        }
    }

    @Test
    void aUrlOnAnAlias_stopsAnsweringWhenTheAliasIsDeleted_neverRunningAnotherVersion() throws Exception {
        Path data = dir.resolve("data");
        try (PlatformHarness first = PlatformHarness.start(data, function(null))) {
            DeployedFunction reporter = first.platform().functions().find("reporter").orElseThrow();
            reporter.publish(null, null, null);
            reporter.createAlias("live", "1", null, 0, "");
        }
        var url = new dev.overtime.platform.function.FunctionUrlDefinition("reporter",
                dev.overtime.platform.function.FunctionUrlDefinition.InvokeMode.BUFFERED, null, "live");
        try (PlatformHarness platform = PlatformHarness.startWithUrls(data, java.util.List.of(function(null)),
                java.util.List.of(url))) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.URI address = java.net.URI.create(platform.platform().functionUrl("reporter").orElseThrow());
            var answer = http.send(java.net.http.HttpRequest.newBuilder(address).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).get("version").asText()).isEqualTo("1");

            platform.platform().functions().find("reporter").orElseThrow().deleteAlias("live");

            var gone = http.send(java.net.http.HttpRequest.newBuilder(address).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(platform.platform().functions().find("reporter").orElseThrow().latest().pool().describe())
                    .as("$LATEST never ran in the alias's place").isEmpty();
        }
    }

    @Test
    void reservedConcurrency_isSharedByAllVersions() throws Exception {
        try (PlatformHarness platform = PlatformHarness.start(dir.resolve("data"), function(1))) {
            DeployedFunction reporter = platform.platform().functions().find("reporter").orElseThrow();
            reporter.publish(null, null, null);
            CompletableFuture<InvokeResponse> held = CompletableFuture.supplyAsync(() -> platform.lambda().invoke(
                    b -> b.functionName("reporter").qualifier("1")
                            .payload(SdkBytes.fromUtf8String("{\"hold\":true}"))));
            Eventually.await("version 1 runs", Duration.ofSeconds(10), () -> Files.exists(dir.resolve("started")));

            assertThatThrownBy(() -> platform.lambda().invoke(b -> b.functionName("reporter")))
                    .isInstanceOf(TooManyRequestsException.class)
                    .hasMessageContaining("Rate Exceeded");

            Files.createFile(dir.resolve("release"));
            assertThat(answer(held.get()).get("version").asText()).isEqualTo("1");
            // Version 1's environment holds the only slot until it retires; $LATEST gets none meanwhile.
            assertThat(reporter.version("1").orElseThrow().pool().describe()).hasSize(1);
        }
    }

    @Test
    void provisionedEnvironments_startBeforeAnyRequest_andTheirFirstReportHasNoInit() throws Exception {
        try (PlatformHarness platform = PlatformHarness.start(dir.resolve("data"), function(null))) {
            DeployedFunction reporter = platform.platform().functions().find("reporter").orElseThrow();
            reporter.publish(null, null, null);
            reporter.createAlias("live", "1", null, 0, "");
            reporter.putProvisioned("live", 2);
            var pool = reporter.version("1").orElseThrow().pool();
            Eventually.await("two provisioned environments are ready", Duration.ofSeconds(15),
                    () -> reporter.provisionedState("live").allocated() == 2);
            assertThat(pool.describe()).hasSize(2).allMatch(v -> v.state() == EnvironmentState.IDLE);

            InvokeResponse first = platform.lambda().invoke(b -> b.functionName("reporter").qualifier("live")
                    .logType(LogType.TAIL));
            JsonNode answer = answer(first);
            String log = new String(Base64.getDecoder().decode(first.logResult()), StandardCharsets.UTF_8);
            assertThat(answer.get("version").asText()).isEqualTo("1");
            assertThat(answer.get("init").asText()).isEqualTo("provisioned-concurrency");
            assertThat(first.executedVersion()).isEqualTo("1");
            assertThat(log).contains("REPORT RequestId").doesNotContain("Init Duration");
            assertThat(pool.describe()).hasSize(2);

            // An on-demand environment of the same function still reports its init.
            InvokeResponse onDemand = platform.lambda().invoke(b -> b.functionName("reporter").logType(LogType.TAIL));
            assertThat(answer(onDemand).get("init").asText()).isEqualTo("on-demand");
            assertThat(new String(Base64.getDecoder().decode(onDemand.logResult()), StandardCharsets.UTF_8))
                    .contains("Init Duration");

            reporter.deleteProvisioned("live");
            pool.retireIdle();
            assertThat(reporter.provisionedState("live").requested()).isZero();
        }
    }
}
