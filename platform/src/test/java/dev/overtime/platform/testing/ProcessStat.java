package dev.overtime.platform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code /proc/PID/stat} says of a process: its state letter (R running, S sleeping, T stopped,
 * Z zombie, ...) and its start time, which tells it apart from a later process given the same pid.
 */
public record ProcessStat(long pid, char state, long startTicks) {

    public static Optional<ProcessStat> of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new ProcessStat(pid, fields[0].charAt(0), Long.parseLong(fields[19])));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static ProcessStat of(ProcessHandle process) {
        return of(process.pid()).orElseThrow(() -> new AssertionError("process " + process.pid() + " is gone"));
    }

    /** Whether this process has ended: gone, a zombie nobody reaped (this machine's init reaps none), or its pid reused. */
    public boolean ended() {
        return of(pid).map(now -> now.startTicks() != startTicks || now.state() == 'Z').orElse(true);
    }

    public boolean stopped() {
        return of(pid).map(now -> now.startTicks() == startTicks && now.state() == 'T').orElse(false);
    }

    /** Sends {@code signal} (e.g. {@code STOP}) with {@code kill}: Java itself sends only TERM and KILL. */
    public static void signal(long pid, String signal) {
        try {
            int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new AssertionError("kill -" + signal + " " + pid + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return pid + " (" + state + ", " + ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("?") + ")";
    }
}
