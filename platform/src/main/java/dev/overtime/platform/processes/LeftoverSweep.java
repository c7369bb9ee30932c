package dev.overtime.platform.processes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ends the process groups that platforms which died on this data folder left behind, as their
 * records list them. Used at start, for the case where a platform's watchdog died with it.
 *
 * <p>The record of a platform that still runs is left alone. A recorded group is signalled only
 * while its leader is the very process that was recorded (same start time): the leader holds the
 * group's id, so the group is still the one the dead platform started, and a pid given since to
 * some other process is never touched.
 */
final class LeftoverSweep {

    /** What a sweep found: records of dead platforms, and the groups of theirs it ended. */
    record Swept(int deadPlatforms, int endedGroups) {
    }

    private LeftoverSweep() {
    }

    static Swept endThoseOfDeadPlatforms(Path folder) {
        List<Path> deadRecords = new ArrayList<>();
        List<Long> groups = new ArrayList<>();
        for (Path record : GroupRecord.in(folder)) {
            if (GroupRecord.ownerOf(record).isRunning()) {
                continue;
            }
            deadRecords.add(record);
            for (ProcessIdentity leader : GroupRecord.leadersIn(record)) {
                if (leader.holdsItsPid()) {
                    groups.add(leader.pid());
                }
            }
        }
        killGroups(groups);
        // Only once they are ended: a sweep that fails before this leaves the records for the next start.
        deadRecords.forEach(GroupRecord::deleteLeftover);
        return new Swept(deadRecords.size(), groups.size());
    }

    /**
     * SIGKILLs each group, which ends stopped processes too, and its leader, in case the platform died
     * before {@code setsid} had made it one. Through bash's builtin {@code kill}, which every system
     * with a watchdog has; {@code /bin/kill} is missing from slim images.
     */
    private static void killGroups(List<Long> groups) {
        if (groups.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("bash", "--norc", "--noprofile", "-c",
                "kill -KILL -- \"$@\" 2>/dev/null; exit 0", "overtime-sweep"));
        groups.forEach(g -> command.addAll(List.of("-" + g, Long.toString(g))));
        try {
            Process kill = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot end the function processes of a platform that died", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
