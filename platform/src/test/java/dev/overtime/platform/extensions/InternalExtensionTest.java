package dev.overtime.platform.extensions;

import dev.overtime.platform.testfunctions.ExtensionWorkWriter;
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

    private static SlowPartScenario scenario() {
        return SlowPartScenario.invoking(harness);
    }

    @Test
    void caller_isAnsweredBeforeTheExtensionWorks_andTheNextEventWaitsUntilItIsDone() throws Exception {
        scenario().answersBeforeTheSlowPartAndHoldsTheNextEvent("extended", Files.createDirectories(data.resolve("ordered")),
                answer -> "\"answered " + answer + "\"");
    }

    @Test
    void extensionWorkPastTheFunctionTimeout_endsTheEnvironmentWithTaskTimedOut() throws Exception {
        scenario().cutsOffASlowPartPastTheTimeout("extended-short", Files.createDirectories(data.resolve("timeout")),
                answer -> "\"answered " + answer + "\"");
    }
}
