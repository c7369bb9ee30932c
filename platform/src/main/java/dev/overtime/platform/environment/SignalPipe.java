package dev.overtime.platform.environment;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Sends job-control signals to function processes without making the caller wait for them, in the
 * order they were sent, which is all freezing needs: a stopped runtime simply reads its event once
 * continued.
 *
 * <p>On JDK 22+ on Linux one daemon thread calls {@code kill(2)} through FFM. The caller only queues
 * the signal, because the kernel wakes every thread of the target inside the {@code kill} call
 * that continues it: about 4.5 µs per thread on a 2 vCPU VM, some 55 µs for a JVM's dozen threads.
 * Queued, that work overlaps the platform writing the event instead of preceding it.
 *
 * <p>Elsewhere the signals go through one long-lived {@code bash} reading {@code kill} lines on its
 * stdin: its builtin {@code kill} does not fork, so a signal costs a pipe write, where forking
 * {@code /bin/kill} costs about a millisecond. The shell starts on first use.
 */
public final class SignalPipe implements AutoCloseable {

    /** {@code kill(2)} itself when the platform runs on JDK 22+ on Linux, else null. */
    private static final java.lang.invoke.MethodHandle NATIVE_KILL = nativeKill();
    private static final java.util.Map<String, Integer> LINUX_SIGNALS = java.util.Map.of("STOP", 19, "CONT", 18);

    private record Signal(int number, int[] targets) {
    }

    /** Queued by {@link #close()}: the sender stops once it has sent everything queued before it. */
    private static final Signal END = new Signal(0, new int[0]);

    private final java.util.concurrent.BlockingQueue<Signal> queued = new java.util.concurrent.LinkedBlockingQueue<>();
    private Thread sender;
    private Process shell;
    private OutputStream input;
    private boolean closed;

    /** Sends {@code signal} (e.g. {@code STOP}) to {@code targets}: pids, or {@code -pgid} for a process group. */
    public synchronized void send(String signal, String targets) {
        if (closed || targets.isEmpty()) {
            return;
        }
        if (NATIVE_KILL != null && LINUX_SIGNALS.containsKey(signal)) {
            String[] parts = targets.split(" ");
            int[] pids = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                pids[i] = Integer.parseInt(parts[i]);
            }
            queued.add(new Signal(LINUX_SIGNALS.get(signal), pids));
            if (sender == null) {
                sender = Thread.ofPlatform().name("overtime-signals").daemon().start(this::sendQueued);
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

    private void sendQueued() {
        try {
            for (Signal signal = queued.take(); signal != END; signal = queued.take()) {
                for (int target : signal.targets()) {
                    try {
                        // A process that has already exited is no error: freezing is best effort for it.
                        int ignored = (int) NATIVE_KILL.invokeExact(target, signal.number());
                    } catch (Throwable e) {
                        System.err.println("overtime: cannot signal function process " + target + ": " + e);
                    }
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
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
        if (sender != null) {
            // Drained, not dropped: a continue still queued is what lets a stopped process act on its SIGTERM.
            queued.add(END);
            try {
                sender.join(java.time.Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
