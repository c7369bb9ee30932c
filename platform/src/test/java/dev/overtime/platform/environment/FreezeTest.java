package dev.overtime.platform.environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.testfunctions.BackgroundTicker;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Environments that freeze stop their processes between invocations, as AWS does, and still end cleanly. */
class FreezeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path data;

    @Test
    void signalsGoStraightToKillOnJdk22OrLater() {
        // The build compiles NativeKill only on JDK 22+, and tests run on the build's JDK.
        boolean linux = System.getProperty("os.name").equals("Linux");
        assertThat(SignalPipe.isNative()).isEqualTo(linux && Runtime.version().feature() >= 22);
    }

    @Test
    void frozenEnvironment_stopsBackgroundWorkBetweenInvocations_andStillAnswers() throws Exception {
        try (PlatformHarness harness = PlatformHarness.start(data, ticker("frozen").withFreeze(true))) {
            // Warm first: a cold JVM takes tens of milliseconds between reading the count and asking for its next event.
            invoke(harness, "frozen", "{}");
            JsonNode first = invoke(harness, "frozen", "{}");
            long pid = first.get("pid").asLong();
            awaitStoppedFor(pid, Duration.ofMillis(400));

            JsonNode second = invoke(harness, "frozen", "{}");

            assertThat(second.get("pid").asLong()).as("the same warm environment answered").isEqualTo(pid);
            assertThat(second.get("ticks").asLong() - first.get("ticks").asLong()).isLessThan(5);
            awaitState(pid, 'T');
        }
    }

    @Test
    void busyEnvironment_isNeverSignalled_andFreezesOnceIdleForTheGrace() throws Exception {
        Duration grace = Duration.ofSeconds(1);
        try (PlatformHarness harness = PlatformHarness.start(data, s -> s.withFreezeGrace(grace),
                ticker("busy").withFreeze(true))) {
            long pid = invoke(harness, "busy", "{}").get("pid").asLong();
            long signalsBefore = harness.platform().freezeSignalsSent();

            for (int i = 0; i < 30; i++) {
                invoke(harness, "busy", "{}");
            }
            long lastAnswer = System.nanoTime();
            JsonNode afterBurst = invoke(harness, "busy", "{}");

            // Thirty invocations back to back, none a grace apart: not one stop or continue.
            assertThat(harness.platform().freezeSignalsSent()).isEqualTo(signalsBefore);
            assertThat(state(pid)).isNotEqualTo('T');
            awaitState(pid, 'T');
            assertThat(System.nanoTime() - lastAnswer).isGreaterThanOrEqualTo(grace.toNanos());
            // Background work ran during the grace, and stopped with the freeze.
            JsonNode afterFreeze = invoke(harness, "busy", "{}");
            long ticksInGrace = afterFreeze.get("ticks").asLong() - afterBurst.get("ticks").asLong();
            // Frozen one to one and a half graces after it became idle; the ticker ticks every 10 ms.
            assertThat(ticksInGrace).isBetween(10L, grace.toMillis() * 3 / 2 / 10 + 20);
        }
    }

    @Test
    void zeroGrace_freezesAsTheRuntimeWaits() throws Exception {
        try (PlatformHarness harness = PlatformHarness.start(data, s -> s.withFreezeGrace(Duration.ZERO),
                ticker("at-once").withFreeze(true))) {
            invoke(harness, "at-once", "{}");
            JsonNode first = invoke(harness, "at-once", "{}");
            long pid = first.get("pid").asLong();
            awaitStoppedFor(pid, Duration.ofMillis(300));

            JsonNode second = invoke(harness, "at-once", "{}");

            assertThat(second.get("ticks").asLong() - first.get("ticks").asLong()).isLessThan(5);
            assertThat(harness.platform().freezeSignalsSent()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void environmentThatDoesNotFreeze_keepsRunningBetweenInvocations() throws Exception {
        // The function's own choice overrides the platform-wide one.
        try (PlatformHarness harness = PlatformHarness.start(data, s -> s.withFreeze(true),
                ticker("free").withFreeze(false))) {
            JsonNode first = invoke(harness, "free", "{}");
            long pid = first.get("pid").asLong();
            long since = System.nanoTime();
            Eventually.await("500 ms pass with the process never stopped", WAIT, () -> {
                assertThat(state(pid)).isNotEqualTo('T');
                return System.nanoTime() - since > Duration.ofMillis(500).toNanos();
            });

            JsonNode second = invoke(harness, "free", "{}");

            assertThat(second.get("ticks").asLong() - first.get("ticks").asLong()).isGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void platformWideFreeze_appliesToFunctionsWithoutTheirOwnChoice() throws Exception {
        try (PlatformHarness harness = PlatformHarness.start(data, s -> s.withFreeze(true), ticker("default"))) {
            long pid = invoke(harness, "default", "{}").get("pid").asLong();

            awaitState(pid, 'T');
        }
    }

    @Test
    void frozenEnvironment_timesOutAndIsReplaced() throws Exception {
        FunctionDefinition fn = TestFunctions.java("slow", BackgroundTicker.class.getName(), Duration.ofSeconds(1),
                null, Map.of()).withFreeze(true);
        try (PlatformHarness harness = PlatformHarness.start(data, fn)) {
            long pid = invoke(harness, "slow", "{}").get("pid").asLong();
            awaitState(pid, 'T');
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow();

            InvokeResponse timedOut = harness.lambda().invoke(b -> b.functionName("slow")
                    .payload(SdkBytes.fromUtf8String("{\"sleepMillis\":5000}")));

            assertThat(timedOut.functionError()).isEqualTo("Unhandled");
            assertThat(timedOut.payload().asUtf8String()).contains("Sandbox.Timedout");
            Eventually.await("the timed-out process is killed", WAIT, () -> !process.isAlive());
            assertThat(invoke(harness, "slow", "{}").get("pid").asLong()).isNotEqualTo(pid);
        }
    }

    @Test
    void frozenEnvironment_isRetiredWhenIdle() throws Exception {
        try (PlatformHarness harness = PlatformHarness.start(data, s -> s.withIdleTimeout(Duration.ofMillis(300)),
                ticker("retired").withFreeze(true))) {
            long pid = invoke(harness, "retired", "{}").get("pid").asLong();
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
            awaitState(pid, 'T');

            Eventually.await("the idle frozen environment is retired", WAIT,
                    () -> harness.environments("retired").isEmpty() && !process.isAlive());
        }
    }

    @Test
    void frozenEnvironment_isShutDownWithThePlatform() throws Exception {
        PlatformHarness harness = PlatformHarness.start(data, ticker("shut").withFreeze(true));
        long pid = invoke(harness, "shut", "{}").get("pid").asLong();
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        awaitState(pid, 'T');

        harness.close();

        assertThat(process.isAlive()).isFalse();
        assertThat(process.descendants().filter(ProcessHandle::isAlive).count()).isZero();
    }

    private static FunctionDefinition ticker(String name) {
        return TestFunctions.java(name, BackgroundTicker.class);
    }

    private static JsonNode invoke(PlatformHarness harness, String function, String payload) throws IOException {
        InvokeResponse r = harness.lambda().invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        return JSON.readTree(r.payload().asUtf8String());
    }

    /** Waits until the process is stopped and has stayed stopped for {@code duration}, checked throughout. */
    private static void awaitStoppedFor(long pid, Duration duration) {
        awaitState(pid, 'T');
        long since = System.nanoTime();
        Eventually.await(duration + " pass with the process stopped", WAIT, () -> {
            assertThat(state(pid)).isEqualTo('T');
            return System.nanoTime() - since > duration.toNanos();
        });
    }

    private static void awaitState(long pid, char expected) {
        Eventually.await("process " + pid + " in state " + expected, WAIT, () -> state(pid) == expected);
    }

    /** The state letter of /proc/PID/stat: R running, S sleeping, T stopped, ... */
    private static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            return '?';
        }
    }
}
