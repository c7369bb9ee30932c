package dev.overtime.platform.environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.testfunctions.Greeter;
import dev.overtime.platform.testfunctions.JvmReport;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Lambda's process environment, several workers in one environment, java17, and idle retirement. */
class EnvironmentFeaturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    @TempDir
    static Path code;
    static PlatformHarness harness;

    @BeforeAll
    static void start() throws Exception {
        FunctionDefinition env = TestFunctions.bootstrap(code, "env-dump", TestFunctions.loop("""
                  env | sort > env.txt
                  curl -sS -X POST "$API/invocation/$ID/response" --data-binary "$(jq -Rs . < env.txt 2>/dev/null || python3 -c 'import json,sys;print(json.dumps(open("env.txt").read()))')" >/dev/null
                """), Duration.ofSeconds(10), null);
        env = new FunctionDefinition(env.logicalId(), env.name(), env.runtime(), "my.handler", env.code(),
                env.timeout(), 192, Map.of("MY_SETTING", "on"), null, "");
        harness = PlatformHarness.start(data, s -> s.withIdleTimeout(Duration.ofSeconds(1)),
                env,
                TestFunctions.java("two-workers", Rendezvous.class.getName(), Duration.ofSeconds(20), 1,
                        Map.of("AWS_LAMBDA_MAX_CONCURRENCY", "2")),
                new FunctionDefinition("hello17", "hello17", "java17", "dev.overtime.examples.Hello::handleRequest",
                        Path.of("../examples/target/java-functions.jar").toAbsolutePath(), Duration.ofSeconds(10), 256,
                        Map.of(), null, ""),
                TestFunctions.java("short-lived", Greeter.class),
                TestFunctions.java("jvm-defaults", JvmReport.class),
                TestFunctions.java("jvm-customised", JvmReport.class.getName(), Duration.ofSeconds(10), null,
                        Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseParallelGC -XX:TieredStopAtLevel=4 -Xmx100m")));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void javaFunction_runsWithAwssJvmFlags_unlessItsJavaToolOptionsSayOtherwise() throws Exception {
        JsonNode defaults = JSON.readTree(harness.lambda().invoke(b -> b.functionName("jvm-defaults"))
                .payload().asUtf8String());
        assertThat(defaults.get("collectors").toString()).contains("Copy", "MarkSweepCompact");
        assertThat(defaults.get("tieredStopAtLevel").asText()).isEqualTo("1");

        // As on AWS, where its documentation shows these: another GC, C2, a smaller heap. The JVM
        // reads JAVA_TOOL_OPTIONS before its command line, where the defaults would otherwise win
        // (or, for the GC, stop it from starting).
        InvokeResponse r = harness.lambda().invoke(b -> b.functionName("jvm-customised"));
        assertThat(r.functionError()).isNull();
        JsonNode customised = JSON.readTree(r.payload().asUtf8String());
        assertThat(customised.get("collectors").toString()).contains("PS Scavenge", "PS MarkSweep");
        assertThat(customised.get("tieredStopAtLevel").asText()).isEqualTo("4");
        assertThat(customised.get("maxHeapMb").asLong()).isBetween(80L, 100L);
    }

    @Test
    void process_getsLambdasVariables_andNothingFromThePlatform() throws Exception {
        InvokeResponse r = harness.lambda().invoke(b -> b.functionName("env-dump"));
        String env = JSON.readTree(r.payload().asUtf8String()).asText();

        assertThat(env).contains("AWS_LAMBDA_FUNCTION_NAME=env-dump\n", "AWS_LAMBDA_FUNCTION_VERSION=$LATEST\n",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE=192\n", "AWS_LAMBDA_LOG_GROUP_NAME=/aws/lambda/env-dump\n",
                "AWS_REGION=us-east-1\n", "AWS_DEFAULT_REGION=us-east-1\n", "_HANDLER=my.handler\n", "TZ=:UTC\n",
                "LAMBDA_TASK_ROOT=" + code.resolve("env-dump") + "\n", "MY_SETTING=on\n",
                "AWS_LAMBDA_INITIALIZATION_TYPE=on-demand\n");
        assertThat(env).containsPattern("AWS_LAMBDA_RUNTIME_API=127\\.0\\.0\\.1:\\d+\n")
                .containsPattern("AWS_LAMBDA_LOG_STREAM_NAME=\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST][0-9a-f]{32}\n");
        for (String leaked : List.of("JAVA_HOME=", "MAVEN_", "HOME=", "USER=")) {
            assertThat(env).as("platform variable %s must not leak", leaked).doesNotContain("\n" + leaked);
        }
    }

    @Test
    void maxConcurrency_letsOneEnvironmentServeConcurrentInvocations() throws Exception {
        Path dir = Files.createTempDirectory(data, "two");
        String payload = "{\"dir\":\"" + dir + "\",\"parties\":2}";
        ExecutorService callers = Executors.newFixedThreadPool(2);
        List<CompletableFuture<JsonNode>> calls = IntStream.range(0, 2).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            try {
                InvokeResponse r = harness.lambda().invoke(b -> b.functionName("two-workers")
                        .payload(SdkBytes.fromUtf8String(payload)));
                return JSON.readTree(r.payload().asUtf8String());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, callers)).toList();
        callers.shutdown();

        JsonNode a = calls.get(0).join();
        JsonNode b = calls.get(1).join();
        assertThat(a.has("pid")).as(a.toString()).isTrue();
        assertThat(b.get("pid").asLong()).isEqualTo(a.get("pid").asLong());
        assertThat(b.get("thread").asText()).isNotEqualTo(a.get("thread").asText());
        assertThat(harness.environments("two-workers")).hasSize(1);
    }

    @Test
    void java17_runsOnAJdk17WithTheRelease17Runtime() throws Exception {
        InvokeResponse r = harness.lambda().invoke(b -> b.functionName("hello17")
                .payload(SdkBytes.fromUtf8String("{\"name\":\"17\"}")));

        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        assertThat(JSON.readTree(r.payload().asUtf8String()).get("message").asText()).contains("17");
    }

    @Test
    void idleEnvironment_isRetiredAfterTheIdleTimeout() {
        harness.lambda().invoke(b -> b.functionName("short-lived"));
        long pid = harness.environments("short-lived").getFirst().pid();

        Eventually.await("the idle environment to be retired", Duration.ofSeconds(15),
                () -> harness.environments("short-lived").isEmpty());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(harness.lambda().invoke(b -> b.functionName("short-lived")).functionError()).isNull();
    }
}
