package dev.overtime.platform.extensions;

import dev.overtime.platform.testfunctions.ExtensionWorkWriter;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dev.overtime.lambda.InternalExtension under the platform: the handler answers at once, the
 * extension does the queued slow part after the response, the environment takes no other event
 * until it is done, and the function timeout bounds it.
 */
class InternalExtensionTest {

    @TempDir
    static Path data;
    static PlatformHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = PlatformHarness.start(data,
                TestFunctions.java("extended", ExtensionWorkWriter.class.getName(), Duration.ofSeconds(10), 1, Map.of()),
                TestFunctions.java("extended-short", ExtensionWorkWriter.class.getName(), Duration.ofSeconds(1), 1, Map.of()));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static InvokeResponse invoke(String function, String payload) {
        return harness.lambda().invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
    }

    private static String work(Path dir, String name, long workMillis) {
        return "{\"dir\":\"" + dir + "\",\"name\":\"" + name + "\",\"workMillis\":" + workMillis + "}";
    }

    private static long timestamp(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (Exception e) {
            throw new AssertionError("no timestamp in " + file, e);
        }
    }

    @Test
    void caller_isAnsweredBeforeTheExtensionWorks_andTheNextEventWaitsUntilItIsDone() throws Exception {
        Path dir = Files.createDirectories(data.resolve("ordered"));
        invoke("extended", "{}");  // The cold start is not what this measures.

        long sent = System.nanoTime();
        InvokeResponse first = invoke("extended", work(dir, "first", 1000));
        Duration answeredAfter = Duration.ofNanos(System.nanoTime() - sent);
        boolean workedWhenAnswered = Files.exists(dir.resolve("first.worked"));
        InvokeResponse second = invoke("extended", work(dir, "second", 0));

        assertThat(first.functionError()).isNull();
        assertThat(first.payload().asUtf8String()).isEqualTo("\"answered first\"");
        assertThat(answeredAfter).isLessThan(Duration.ofMillis(600));
        assertThat(workedWhenAnswered).isFalse();
        Path worked = dir.resolve("first.worked");
        Eventually.await("the extension's file", Duration.ofSeconds(10), () -> Files.exists(worked));
        assertThat(timestamp(worked) - timestamp(dir.resolve("first.started"))).isGreaterThanOrEqualTo(1000);
        // Reserved concurrency 1: the only environment took the second event once the extension was done.
        assertThat(second.payload().asUtf8String()).isEqualTo("\"answered second\"");
        assertThat(timestamp(dir.resolve("second.started"))).isGreaterThanOrEqualTo(timestamp(worked));
        assertThat(harness.environments("extended")).hasSize(1);
    }

    @Test
    void extensionWorkPastTheFunctionTimeout_endsTheEnvironmentWithTaskTimedOut() throws Exception {
        Path dir = Files.createDirectories(data.resolve("timeout"));

        InvokeResponse r = invoke("extended-short", work(dir, "long", 3000));

        assertThat(r.functionError()).isNull();
        assertThat(r.payload().asUtf8String()).isEqualTo("\"answered long\"");
        Path log = Path.of(harness.environments("extended-short").get(0).logFile());
        Eventually.await("the timeout line in " + log, Duration.ofSeconds(10),
                () -> read(log).contains("Task timed out after 1.00 seconds"));
        assertThat(Files.exists(dir.resolve("long.worked"))).isFalse();
        Eventually.await("the timed-out environment to be gone", Duration.ofSeconds(10),
                () -> harness.environments("extended-short").isEmpty());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
