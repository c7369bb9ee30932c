package dev.overtime.platform.security;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One line per authorization decision: result, principal (or why there is none), action and resource.
 *
 * <p>Decisions are made on selector threads, and a console write is a system call (a terminal can block
 * it), so a decision only queues its line. A writer thread polls the queue every 20 ms, so queuing
 * wakes nobody; it ends after a second without lines and the next line starts another. A console too
 * slow for the decisions drops lines past 16,384 waiting, and says how many.
 */
public final class DecisionLog {

    private static final int MAX_WAITING = 16_384;
    private static final long POLL_NANOS = 20_000_000;
    private static final int IDLE_POLLS_BEFORE_ENDING = 50;

    private final PrintStream out;
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean();

    public DecisionLog(PrintStream out) {
        this.out = out;
    }

    void allowed(Principal principal, RequestedAction action) {
        add("overtime: auth ALLOW principal=" + principal.userArn() + " action=" + action.action()
                + " resource=" + action.resource());
    }

    /** A signature checked for a step that asks no policy (a WebSocket handshake). */
    void authenticated(Principal principal, RequestedAction step) {
        add("overtime: auth AUTHENTICATED principal=" + principal.userArn() + " action=" + step.action()
                + " resource=" + step.resource());
    }

    void denied(String principal, RequestedAction action, String reason) {
        add("overtime: auth DENY principal=" + principal + " action=" + action.action()
                + " resource=" + action.resource() + " reason=" + reason);
    }

    private void add(String line) {
        if (waiting.incrementAndGet() > MAX_WAITING) {
            waiting.decrementAndGet();
            dropped.incrementAndGet();
        } else {
            lines.add(line);
        }
        if (writing.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("overtime-auth-log").start(this::write);
        }
    }

    private void write() {
        int idle = 0;
        while (true) {
            boolean wrote = false;
            for (String line = lines.poll(); line != null; line = lines.poll()) {
                waiting.decrementAndGet();
                out.println(line);
                wrote = true;
            }
            long lost = dropped.getAndSet(0);
            if (lost > 0) {
                out.println("overtime: auth log: " + lost + " decisions were not logged, the console was too slow");
            }
            idle = wrote ? 0 : idle + 1;
            if (idle >= IDLE_POLLS_BEFORE_ENDING) {
                writing.set(false);
                // A line queued after the last poll, whose writer saw this one still running, is written here.
                if (lines.isEmpty() || !writing.compareAndSet(false, true)) {
                    return;
                }
                idle = 0;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
