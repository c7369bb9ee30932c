package dev.overtime.platform.environment;

import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping the platform leaves no function process behind, even one that ignores SIGTERM. */
class ShutdownTest {

    @TempDir
    Path data;
    @TempDir
    Path code;

    @Test
    void close_killsAFunctionThatIgnoresSigterm() throws Exception {
        PlatformHarness harness = PlatformHarness.start(data, TestFunctions.bootstrap(code, "stubborn",
                "trap '' TERM\n" + TestFunctions.loop("""
                          curl -sS -X POST "$API/invocation/$ID/response" -d '{"ok":true}' >/dev/null
                        """), Duration.ofSeconds(5), null));
        harness.lambda().invoke(b -> b.functionName("stubborn"));
        ProcessHandle process = ProcessHandle.of(harness.environments("stubborn").getFirst().pid()).orElseThrow();

        harness.close();

        assertThat(process.isAlive()).isFalse();
        assertThat(process.descendants().filter(ProcessHandle::isAlive).count()).isZero();
    }
}
