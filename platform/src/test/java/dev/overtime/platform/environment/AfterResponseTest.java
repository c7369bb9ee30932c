package dev.overtime.platform.environment;

import dev.overtime.platform.testfunctions.AfterResponseWriter;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.SlowPartScenario;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;


/**
 * dev.overtime.lambda.AfterResponse under the platform: the caller is answered before the work,
 * the environment takes no other event until the work is done, and the function timeout bounds it.
 */
class AfterResponseTest {

    @TempDir
    static Path data;
    static PlatformHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = PlatformHarness.start(data,
                TestFunctions.java("after", AfterResponseWriter.class.getName(), Duration.ofSeconds(10), 1, Map.of()),
                TestFunctions.java("after-short", AfterResponseWriter.class.getName(), Duration.ofSeconds(1), 1, Map.of()));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static SlowPartScenario scenario() {
        return SlowPartScenario.invoking(harness);
    }

    @Test
    void caller_isAnsweredBeforeTheWork_andTheNextEventWaitsUntilTheWorkIsDone() throws Exception {
        scenario().answersBeforeTheSlowPartAndHoldsTheNextEvent("after", Files.createDirectories(data.resolve("ordered")),
                answer -> "\"answered " + answer + "\"");
    }

    @Test
    void workPastTheFunctionTimeout_endsTheEnvironmentWithTaskTimedOut() throws Exception {
        scenario().cutsOffASlowPartPastTheTimeout("after-short", Files.createDirectories(data.resolve("timeout")),
                answer -> "\"answered " + answer + "\"");
    }
}
