package dev.overtime.platform.processes;

import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.ProcessStat;
import dev.overtime.platform.testing.ServedPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** However the platform ends, its function and extension processes end with it, frozen or not. */
class OrphanProcessesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<ServedPlatform> platforms = new ArrayList<>();

    @AfterEach
    void endWhatIsLeft() throws Exception {
        for (ServedPlatform platform : platforms) {
            platform.close();
        }
    }

    @Test
    void platformKilled_itsFrozenProcessesEndWithinASecond() throws Exception {
        ServedPlatform platform = serve(FrozenFunctions.ALL);
        List<ProcessStat> frozen = FrozenFunctions.invokeAndAwaitFrozen(platform, FrozenFunctions.ALL);
        // Each runtime, the shell's sleep and curl, the extension and its curl.
        assertThat(frozen).hasSizeGreaterThanOrEqualTo(6);
        List<ProcessStat> all = stats(platform.descendants());

        platform.process().destroyForcibly().waitFor();

        awaitEnded(all, Duration.ofSeconds(1));
    }

    @Test
    void watchdogKilled_anotherTakesOver_andStillEndsTheProcessesWhenThePlatformIsKilled() throws Exception {
        ServedPlatform platform = serve(List.of("shell"));
        FrozenFunctions.invokeAndAwaitFrozen(platform, List.of("shell"));
        ProcessHandle first = watchdogOf(platform);

        first.destroyForcibly();
        Eventually.await("another watchdog", WAIT, () -> platform.descendants().stream()
                .anyMatch(p -> FrozenFunctions.isWatchdog(p) && p.pid() != first.pid()));
        List<ProcessStat> all = stats(platform.descendants());
        platform.process().destroyForcibly().waitFor();

        awaitEnded(all, Duration.ofSeconds(1));
    }

    @Test
    void platformStopped_endsItsProcesses_andLeavesNoWatchdogNorRecordBehind() throws Exception {
        ServedPlatform platform = serve(List.of("shell"));
        FrozenFunctions.invokeAndAwaitFrozen(platform, List.of("shell"));
        List<ProcessStat> all = stats(platform.descendants());
        assertThat(records()).hasSize(1);

        platform.process().destroy();

        assertThat(platform.process().waitFor(30, TimeUnit.SECONDS)).as("the platform stopped").isTrue();
        awaitEnded(all, Duration.ofSeconds(1));
        assertThat(records()).isEmpty();
    }

    private ServedPlatform serve(List<String> functions) throws Exception {
        Path template = FrozenFunctions.template(dir, functions);
        ServedPlatform platform = ServedPlatform.start(template, dir.resolve("data"), dir, "platform");
        platforms.add(platform);
        return platform;
    }

    private static ProcessHandle watchdogOf(ServedPlatform platform) {
        List<ProcessHandle> watchdogs = platform.descendants().stream().filter(FrozenFunctions::isWatchdog).toList();
        assertThat(watchdogs).hasSize(1);
        return watchdogs.getFirst();
    }

    private List<Path> records() throws Exception {
        try (var files = Files.list(dir.resolve("data").resolve("processes"))) {
            return files.toList();
        }
    }

    private static List<ProcessStat> stats(List<ProcessHandle> processes) {
        return processes.stream().flatMap(p -> ProcessStat.of(p.pid()).stream()).toList();
    }

    private static void awaitEnded(List<ProcessStat> processes, Duration deadline) {
        try {
            Eventually.await("every process the platform started has ended", deadline,
                    () -> processes.stream().allMatch(ProcessStat::ended));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; still running: "
                    + processes.stream().filter(p -> !p.ended()).toList(), e);
        }
    }
}
