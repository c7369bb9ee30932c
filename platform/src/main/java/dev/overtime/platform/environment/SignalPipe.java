package dev.overtime.platform.environment;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stops and continues function processes without making the caller wait for the signal.
 *
 * <p>On JDK 22+ on Linux one daemon thread calls {@code kill(2)} through FFM; callers only queue
 * the signal. Each signal costs far more than the call: the kernel makes every thread of the target
 * wake up to stop, and again to continue, some 20 thread wake-ups for a JVM. Two rules keep that
 * work from ever delaying a caller:
 * <ul>
 *   <li>A continue goes to the front of the queue: a caller waits for it, while nobody waits for a stop.</li>
 *   <li>A stop still queued when its continue is asked for is cancelled, and neither is sent. The
 *       queue then never holds more than one signal per environment.</li>
 * </ul>
 * Before these rules a busy platform queued signals faster than the one thread sent them; stops
 * arrived late, froze environments in the middle of later invocations, and the continues behind
 * them came hundreds of milliseconds later (docs/benchmarks.md, "2026-12-05").
 *
 * <p>Elsewhere the signals go through one long-lived {@code bash} reading {@code kill} lines on its
 * stdin, sent at once and in order: its builtin {@code kill} does not fork, so a signal costs a pipe
 * write, where forking {@code /bin/kill} costs about a millisecond. The shell starts on first use.
 */
public final class SignalPipe implements AutoCloseable {

    private static final int SIGCONT = 18;
    private static final int SIGSTOP = 19;

    /** {@code kill(2)} itself when the platform runs on JDK 22+ on Linux, else null. */
    private static final MethodHandle NATIVE_KILL = nativeKill();

    /** A stop that may still be cancelled; {@link #cancel()} tells whether it was. */
    public interface PendingStop {
        /** Withdraws the stop if it has not been sent; true if it never will be. */
        boolean cancel();
    }

    private static final PendingStop ALREADY_SENT = () -> false;

    /** Sends one signal to one target: {@code kill(2)}. */
    @FunctionalInterface
    interface Kill {
        void send(int target, int signal) throws Throwable;
    }

    /** One queued signal; a stop can be cancelled until the sender takes it. */
    private static final class Signal implements PendingStop {
        static final int QUEUED = 0;
        static final int TAKEN = 1;
        static final int CANCELLED = 2;

        final int number;
        final int[] targets;
        final AtomicInteger state = new AtomicInteger(QUEUED);

        Signal(int number, int[] targets) {
            this.number = number;
            this.targets = targets;
        }

        @Override
        public boolean cancel() {
            return state.compareAndSet(QUEUED, CANCELLED);
        }

        boolean take() {
            return state.compareAndSet(QUEUED, TAKEN);
        }
    }

    /** Queued last by {@link #close()}: the sender stops once it has sent everything before it. */
    private static final Signal END = new Signal(0, new int[0]);

    private final BlockingDeque<Signal> queued = new LinkedBlockingDeque<>();
    /** Null when signals go through the shell. */
    private final Kill kill;
    // Written by the sender thread alone.
    private volatile long sent;
    private Thread sender;
    private Process shell;
    private OutputStream input;
    private boolean closed;

    public SignalPipe() {
        this(NATIVE_KILL == null ? null : (target, signal) -> {
            int ignored = (int) NATIVE_KILL.invokeExact(target, signal);
        });
    }

    /** With {@code kill} as the sender's system call; a null one sends through the shell. */
    SignalPipe(Kill kill) {
        this.kill = kill;
    }

    /**
     * Stops {@code targets}: pids, or negative pgids for whole process groups. The stop can be
     * cancelled until it is sent; the caller must then not continue the targets.
     */
    public synchronized PendingStop stop(int[] targets) {
        if (closed || targets.length == 0) {
            return ALREADY_SENT;
        }
        if (kill == null) {
            sendThroughShell("STOP", targets);
            return ALREADY_SENT;
        }
        Signal stop = new Signal(SIGSTOP, targets);
        queued.addLast(stop);
        startSender();
        return stop;
    }

    /** Continues {@code targets} that a stop reached, ahead of every queued stop. */
    public synchronized void resume(int[] targets) {
        if (closed || targets.length == 0) {
            return;
        }
        if (kill == null) {
            sendThroughShell("CONT", targets);
            return;
        }
        queued.addFirst(new Signal(SIGCONT, targets));
        startSender();
    }

    private void startSender() {
        if (sender == null) {
            sender = Thread.ofPlatform().name("overtime-signals").daemon().start(this::sendQueued);
        }
    }

    private void sendQueued() {
        try {
            for (Signal signal = queued.takeFirst(); signal != END; signal = queued.takeFirst()) {
                if (!signal.take()) {
                    continue;
                }
                for (int target : signal.targets) {
                    try {
                        // A process that has already exited is no error: freezing is best effort for it.
                        kill.send(target, signal.number);
                    } catch (Throwable e) {
                        System.err.println("overtime: cannot signal function process " + target + ": " + e);
                    }
                }
                sent++;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendThroughShell(String signal, int[] targets) {
        StringBuilder command = new StringBuilder("kill -").append(signal).append(" --");
        for (int target : targets) {
            command.append(' ').append(target);
        }
        byte[] line = command.append('\n').toString().getBytes(StandardCharsets.US_ASCII);
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
                throw new UncheckedIOException("cannot signal function processes", again);
            }
        }
    }

    private static MethodHandle nativeKill() {
        if (Runtime.version().feature() < 22 || !System.getProperty("os.name", "").equals("Linux")) {
            return null;
        }
        try {
            Class<?> type = Class.forName("dev.overtime.platform.environment.NativeKill");
            return MethodHandles.publicLookup().findStatic(type, "kill",
                    MethodType.methodType(int.class, int.class, int.class));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // Built by a JDK 21, or native access refused: the shell does the same job, more slowly.
            return null;
        }
    }

    /** How many signals the sender has sent (each to all its targets); the shell's are not counted. */
    public long sent() {
        return sent;
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
            queued.addLast(END);
            try {
                sender.join(Duration.ofSeconds(2));
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
