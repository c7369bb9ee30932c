package dev.overtime.platform.environment;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Sends signals through one long-lived {@code bash} reading {@code kill} lines on its stdin. Bash's
 * builtin {@code kill} does not fork, so a signal costs a pipe write of a few microseconds, where
 * forking {@code /bin/kill} costs about a millisecond. The caller never waits for the signal: one
 * pipe and one reader keep every signal in the order it was written, which is all freezing needs
 * (a stopped runtime simply reads its event once continued). The shell starts on first use.
 */
public final class SignalPipe implements AutoCloseable {

    private Process shell;
    private OutputStream input;
    private boolean closed;

    /** Sends {@code signal} (e.g. {@code STOP}) to {@code targets}: pids, or {@code -pgid} for a process group. */
    public synchronized void send(String signal, String targets) {
        if (closed || targets.isEmpty()) {
            return;
        }
        byte[] line = ("kill -" + signal + " -- " + targets + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            shellInput().write(line);
            input.flush();
        } catch (IOException e) {
            // The shell died (someone killed it): start another one, which gets this line.
            shell = null;
            try {
                shellInput().write(line);
                input.flush();
            } catch (IOException again) {
                throw new java.io.UncheckedIOException("cannot signal function processes", again);
            }
        }
    }

    private OutputStream shellInput() throws IOException {
        if (shell == null || !shell.isAlive()) {
            shell = new ProcessBuilder("bash", "--norc", "--noprofile")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    // kill reports processes that have already exited; that is not an error here.
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            input = shell.getOutputStream();
        }
        return input;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (shell != null) {
            try {
                input.close();
            } catch (IOException ignored) {
                // The shell is being ended anyway.
            }
            shell.destroy();
        }
    }
}
