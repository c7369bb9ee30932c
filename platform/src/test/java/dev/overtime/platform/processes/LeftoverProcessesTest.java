package dev.overtime.platform.processes;

import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.ProcessStat;
import dev.overtime.platform.testing.ServedPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A platform that starts on a data folder ends what a platform that died there left running, even
 * when that one's watchdog died too, and nothing else: not a process that has since been given a
 * recorded pid, nor the processes of a platform still running on the folder.
 */
class LeftoverProcessesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<ServedPlatform> platforms = new ArrayList<>();
    private final List<Process> helpers = new ArrayList<>();

    @AfterEach
    void endWhatIsLeft() throws Exception {
        for (ServedPlatform platform : platforms) {
            platform.close();
        }
        helpers.forEach(Process::destroyForcibly);
    }

    @Test
    void restart_endsTheFrozenProcessesOfAPredecessorThatDiedWithItsWatchdog() throws Exception {
        Path data = dir.resolve("data");
        ServedPlatform predecessor = ServedPlatform.start(FrozenFunctions.template(dir, FrozenFunctions.ALL), data,
                dir, "predecessor");
        platforms.add(predecessor);
        List<ProcessStat> frozen = FrozenFunctions.invokeAndAwaitFrozen(predecessor, FrozenFunctions.ALL);
        List<ProcessHandle> watchdogs = predecessor.descendants().stream().filter(FrozenFunctions::isWatchdog).toList();

        // Stopped first, so that it never acts on the end of file the platform's death gives it.
        watchdogs.forEach(watchdog -> ProcessStat.signal(watchdog.pid(), "STOP"));
        predecessor.process().destroyForcibly().waitFor();
        watchdogs.forEach(ProcessHandle::destroyForcibly);
        assertThat(frozen).as("left behind, stopped").allMatch(ProcessStat::stopped, "stopped");

        try (PlatformHarness restarted = PlatformHarness.start(data)) {
            Eventually.await("the predecessor's processes ended", WAIT,
                    () -> frozen.stream().allMatch(ProcessStat::ended));
            assertThat(records(data)).as("only the restarted platform's own record").hasSize(1);
        }
        assertThat(records(data)).isEmpty();
    }

    @Test
    void restart_leavesAloneAProcessThatHasSinceBeenGivenARecordedPid() throws Exception {
        Path data = dir.resolve("data");
        Process leftover = startInItsOwnGroup();
        Process newcomer = startInItsOwnGroup();
        GroupRecord record = GroupRecord.create(Files.createDirectories(data.resolve("processes")), deadPlatform());
        record.add(identity(leftover));
        // As if the recorded process had ended and its pid gone to the newcomer: the start times differ.
        record.add(new ProcessIdentity(newcomer.pid(), identity(newcomer).startTicks() - 1));

        try (PlatformHarness restarted = PlatformHarness.start(data)) {
            Eventually.await("the leftover ended", WAIT, () -> !leftover.isAlive());
            assertThat(newcomer.isAlive()).isTrue();
            assertThat(record.file()).doesNotExist();
        }
    }

    @Test
    void restart_leavesAloneTheRecordOfAPlatformStillRunning() throws Exception {
        Path data = dir.resolve("data");
        Path folder = Files.createDirectories(data.resolve("processes"));
        Process leftover = startInItsOwnGroup();
        GroupRecord dead = GroupRecord.create(folder, deadPlatform());
        dead.add(identity(leftover));
        Process running = startInItsOwnGroup();
        Process itsFunction = startInItsOwnGroup();
        GroupRecord live = GroupRecord.create(folder, identity(running));
        live.add(identity(itsFunction));

        try (PlatformHarness restarted = PlatformHarness.start(data)) {
            Eventually.await("the dead platform's leftover ended", WAIT, () -> !leftover.isAlive());
            assertThat(itsFunction.isAlive()).isTrue();
            assertThat(live.file()).exists();
            assertThat(dead.file()).doesNotExist();
        }
    }

    /** This JVM's pid with another start time: a platform that ran here once and has died. */
    private static ProcessIdentity deadPlatform() {
        return new ProcessIdentity(ProcessHandle.current().pid(), 1);
    }

    private static ProcessIdentity identity(Process process) {
        return new ProcessIdentity(process.pid(), ProcessStat.of(process.toHandle()).startTicks());
    }

    private Process startInItsOwnGroup() throws IOException {
        Process process = new ProcessBuilder("setsid", "sleep", "600").start();
        helpers.add(process);
        return process;
    }

    private static List<Path> records(Path data) throws IOException {
        try (var files = Files.list(data.resolve("processes"))) {
            return files.toList();
        }
    }
}
