package dev.overtime.platform.processes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A small {@code bash} that outlives the platform just long enough to end its process groups. The
 * platform writes {@code +PGID} for each group it starts and {@code -PGID} once the group's leader
 * has exited (the watchdog then SIGKILLs what is left of the group and forgets it). The watchdog's
 * stdin is a pipe whose only writer is the platform's JVM: however that JVM ends, SIGKILL and OOM
 * kill included, the kernel closes it, and at end of file the watchdog SIGKILLs every group still
 * listed (SIGKILL ends stopped processes too) and exits. Java closes inherited descriptors in every
 * child it starts, so no function process holds the pipe open.
 *
 * <p>It runs in a session of its own and ignores SIGTERM, SIGINT and SIGHUP, so that Ctrl-C in the
 * platform's terminal, or a hang-up, cannot end it before the platform. One that a signal ends
 * anyway (someone SIGKILLs it) is replaced, and told every group again.
 */
final class Watchdog implements AutoCloseable {

    private static final String SCRIPT = """
            trap '' TERM INT HUP
            declare -A groups
            while read -r line; do
              case $line in
                +*) groups[${line#+}]=1 ;;
                -*) unset "groups[${line#-}]"; kill -KILL -- "$line" 2>/dev/null ;;
              esac
            done
            # The leader too, in case the platform died before setsid had made it one.
            for g in "${!groups[@]}"; do kill -KILL -- "-$g" "$g" 2>/dev/null; done
            """;
    /** Its {@code $0}, the last word of its command line in {@code ps}. */
    static final String NAME = "overtime-watchdog";

    private final Set<Long> groups = new LinkedHashSet<>();
    private Process process;
    private OutputStream input;
    private boolean closed;

    private Watchdog() {
    }

    static Watchdog start() throws IOException {
        Watchdog watchdog = new Watchdog();
        synchronized (watchdog) {
            watchdog.startProcess();
        }
        return watchdog;
    }

    /** Group {@code pgid} is to be ended if the platform dies. */
    synchronized void watch(long pgid) {
        if (!closed && groups.add(pgid)) {
            write("+" + pgid);
        }
    }

    /** Group {@code pgid}'s leader has exited: the rest of the group is SIGKILLed and forgotten. */
    synchronized void release(long pgid) {
        if (!closed && groups.remove(pgid)) {
            write("-" + pgid);
        }
    }

    private void startProcess() throws IOException {
        process = new ProcessBuilder(Setsid.wrap(List.of("bash", "--norc", "--noprofile", "-c", SCRIPT, NAME)))
                // Not the platform's console: once the platform is gone, a write there would end the watchdog by SIGPIPE.
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        input = process.getOutputStream();
        Process started = process;
        // Async: one that has already ended is replaced on another stack, not inside this start.
        started.onExit().thenRunAsync(() -> replace(started));
        for (long pgid : groups) {
            write("+" + pgid);
        }
    }

    private synchronized void replace(Process ended) {
        if (closed || ended != process) {
            return;
        }
        if (ended.exitValue() <= 128) {
            // Not a signal (Java reports 128 + the signal): it exited by itself, and another would too.
            System.err.println("overtime: the watchdog that ends function processes if the platform dies exited with"
                    + " status " + ended.exitValue() + "; function processes will outlive the platform if it dies");
            return;
        }
        System.err.println("overtime: the watchdog that ends function processes if the platform dies (pid "
                + ended.pid() + ") ended; starting another");
        try {
            startProcess();
        } catch (IOException e) {
            System.err.println("overtime: cannot start another watchdog: " + e.getMessage()
                    + "; function processes will outlive the platform if it dies");
        }
    }

    private void write(String line) {
        try {
            input.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            input.flush();
        } catch (IOException e) {
            // It has ended: its replacement is told every group still listed.
        }
    }

    /**
     * Ends the watchdog: at end of file it ends whatever groups are still listed (none, when every
     * environment was stopped first) and exits.
     */
    @Override
    public void close() {
        Process last;
        synchronized (this) {
            closed = true;
            last = process;
            try {
                input.close();
            } catch (IOException e) {
                // It has ended already.
            }
        }
        try {
            if (!last.waitFor(5, TimeUnit.SECONDS)) {
                last.destroyForcibly();
            }
        } catch (InterruptedException e) {
            last.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
