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

    /** {@code kill(2)} itself when the platform runs on JDK 22+ on Linux (about a microsecond), else null. */
    private static final java.lang.invoke.MethodHandle NATIVE_KILL = nativeKill();
    private static final java.util.Map<String, Integer> LINUX_SIGNALS = java.util.Map.of("STOP", 19, "CONT", 18);

    private Process shell;
    private OutputStream input;
    private boolean closed;

    /** Sends {@code signal} (e.g. {@code STOP}) to {@code targets}: pids, or {@code -pgid} for a process group. */
    public synchronized void send(String signal, String targets) {
        if (closed || targets.isEmpty()) {
            return;
        }
        if (NATIVE_KILL != null && LINUX_SIGNALS.containsKey(signal)) {
            int number = LINUX_SIGNALS.get(signal);
            for (String target : targets.split(" ")) {
                try {
                    // A process that has already exited is no error: freezing is best effort for it.
                    int ignored = (int) NATIVE_KILL.invokeExact(Integer.parseInt(target), number);
                } catch (Throwable e) {
                    throw new IllegalStateException("cannot signal function process " + target, e);
                }
            }
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

    private static java.lang.invoke.MethodHandle nativeKill() {
        if (Runtime.version().feature() < 22 || !System.getProperty("os.name", "").equals("Linux")) {
            return null;
        }
        try {
            Class<?> type = Class.forName("dev.overtime.platform.environment.NativeKill");
            return java.lang.invoke.MethodHandles.publicLookup().findStatic(type, "kill",
                    java.lang.invoke.MethodType.methodType(int.class, int.class, int.class));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // Built by a JDK 21, or native access refused: the shell does the same job, more slowly.
            return null;
        }
    }

    /** Whether signals go straight to {@code kill(2)} rather than through the shell. */
    public static boolean isNative() {
        return NATIVE_KILL != null;
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
