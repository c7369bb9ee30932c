package dev.overtime.platform.processes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process as the kernel tells it apart from any later process given the same pid: its pid and
 * its start time ({@code /proc/PID/stat} field 22, in clock ticks since boot).
 */
public record ProcessIdentity(long pid, long startTicks) {

    /** The process running as {@code pid} now, zombie or not; empty when there is none or no {@code /proc}. */
    public static Optional<ProcessIdentity> of(long pid) {
        return Stat.read(pid).map(stat -> new ProcessIdentity(pid, stat.startTicks()));
    }

    /** This JVM. */
    public static Optional<ProcessIdentity> current() {
        return of(ProcessHandle.current().pid());
    }

    /**
     * Whether this process still holds its pid: a zombie does, so its process group still exists and
     * cannot have been given to anyone else.
     */
    public boolean holdsItsPid() {
        return Stat.read(pid).filter(stat -> stat.startTicks() == startTicks).isPresent();
    }

    /** Whether this process is still running: it holds its pid and has not exited. */
    public boolean isRunning() {
        return Stat.read(pid).filter(stat -> stat.startTicks() == startTicks && stat.state() != 'Z').isPresent();
    }

    /** The two fields of {@code /proc/PID/stat} this needs. */
    private record Stat(char state, long startTicks) {

        static Optional<Stat> read(long pid) {
            String stat;
            try {
                stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
            // The command name (field 2) is in parentheses and may hold spaces and parentheses itself.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            // fields[0] is field 3 (state), so field 22 (start time) is fields[19].
            if (fields.length < 20) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Stat(fields[0].charAt(0), Long.parseLong(fields[19])));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
