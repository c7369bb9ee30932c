package dev.overtime.platform.testing;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The must-show every way of working after the response shares. The test functions take
 * {@code {"dir","name","workMillis"}}: they write {@code name.started} (epoch millis), answer, work
 * for {@code workMillis}, then write {@code name.worked}. Each function has reserved concurrency 1.
 */
public final class SlowPartScenario {

    /** Calls a function the way the method under test is called, and returns what the caller saw. */
    @FunctionalInterface
    public interface Caller {
        String call(String function, String payload) throws Exception;
    }

    private final PlatformHarness harness;
    private final Caller caller;

    public SlowPartScenario(PlatformHarness harness, Caller caller) {
        this.harness = harness;
        this.caller = caller;
    }

    /** Called with a plain synchronous Invoke: the caller sees the response payload, or the function error. */
    public static SlowPartScenario invoking(PlatformHarness harness) {
        return new SlowPartScenario(harness, (function, payload) -> {
            InvokeResponse r = harness.lambda().invoke(b -> b.functionName(function)
                    .payload(SdkBytes.fromUtf8String(payload)));
            return r.functionError() == null ? r.payload().asUtf8String() : "function error: " + r.payload().asUtf8String();
        });
    }

    public static String work(Path dir, String name, long workMillis) {
        return "{\"dir\":\"" + dir + "\",\"name\":\"" + name + "\",\"workMillis\":" + workMillis + "}";
    }

    /**
     * The caller has its answer (what {@code answerOf} makes of the event's name) within 600 ms,
     * before a 1 s slow part ends; the only environment takes the next event only after it.
     */
    public void answersBeforeTheSlowPartAndHoldsTheNextEvent(String function, Path dir, UnaryOperator<String> answerOf)
            throws Exception {
        caller.call(function, "{}");  // The cold start is not what this measures.

        long sent = System.nanoTime();
        String first = caller.call(function, work(dir, "first", 1000));
        Duration answeredAfter = Duration.ofNanos(System.nanoTime() - sent);
        boolean workedWhenAnswered = Files.exists(dir.resolve("first.worked"));
        String second = caller.call(function, work(dir, "second", 0));

        assertThat(first).isEqualTo(answerOf.apply("first"));
        assertThat(answeredAfter).isLessThan(Duration.ofMillis(600));
        assertThat(workedWhenAnswered).isFalse();
        Path worked = dir.resolve("first.worked");
        Eventually.await("the slow part's file", Duration.ofSeconds(10), () -> Files.exists(worked));
        assertThat(timestamp(worked) - timestamp(dir.resolve("first.started"))).isGreaterThanOrEqualTo(1000);
        assertThat(second).isEqualTo(answerOf.apply("second"));
        assertThat(timestamp(dir.resolve("second.started"))).isGreaterThanOrEqualTo(timestamp(worked));
        assertThat(harness.environments(function)).hasSize(1);
    }

    /** A 3 s slow part under a 1 s timeout: AWS's timeout line in the log, no side effect, the environment replaced. */
    public void cutsOffASlowPartPastTheTimeout(String shortFunction, Path dir, UnaryOperator<String> answerOf)
            throws Exception {
        String answer = caller.call(shortFunction, work(dir, "long", 3000));

        assertThat(answer).isEqualTo(answerOf.apply("long"));
        Path log = Path.of(harness.environments(shortFunction).get(0).logFile());
        Eventually.await("the timeout line in " + log, Duration.ofSeconds(10),
                () -> read(log).contains("Task timed out after 1.00 seconds"));
        assertThat(Files.exists(dir.resolve("long.worked"))).isFalse();
        Eventually.await("the timed-out environment to be gone", Duration.ofSeconds(10),
                () -> harness.environments(shortFunction).isEmpty());
    }

    private static long timestamp(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (Exception e) {
            throw new AssertionError("no timestamp in " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
