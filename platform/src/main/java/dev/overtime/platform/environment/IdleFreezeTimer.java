package dev.overtime.platform.environment;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Freezes an environment once it has stayed idle for the freeze grace: every worker parked and
 * nothing in flight since the moment it was scheduled.
 *
 * <p>Why a grace: a freeze and its thaw cost some 20 thread wake-ups each in a JVM, and a caller
 * waits for the thaw. An environment that gets its next event within the grace is never signalled,
 * so a busy function pays nothing; one left idle is frozen a grace after its last {@code /next}.
 *
 * <p>Why its own thread rather than the platform's scheduled executor: it is asked on every invoke,
 * and every deadline is "now plus the same grace", so a plain FIFO queue is already in deadline
 * order. Scheduling is a queue append, cancelling is free (the environment's idle epoch moves on),
 * and the thread wakes at most twice per grace however many environments park, so an environment
 * is frozen between one and one and a half graces after it became idle. It keeps that pace for a
 * second after its queue runs dry, and only then sleeps until an environment parks and wakes it.
 */
public final class IdleFreezeTimer implements AutoCloseable {

    private record Due(Environment environment, long idleEpoch, long deadlineNanos) {
    }

    /** How long the thread keeps ticking after its queue ran dry, before it waits to be woken. */
    private static final long STAY_AWAKE_NANOS = Duration.ofSeconds(1).toNanos();

    private final long graceNanos;
    private final ConcurrentLinkedQueue<Due> due = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean sleepingUntilWoken;
    private volatile boolean closed;

    public IdleFreezeTimer(Duration grace) {
        this.graceNanos = grace.toNanos();
        this.thread = graceNanos <= 0 ? null
                : Thread.ofPlatform().name("overtime-idle-freeze").daemon().start(this::run);
    }

    /** Whether freezes wait for a grace at all; with none the environment freezes as it parks. */
    boolean hasGrace() {
        return thread != null;
    }

    /** Freezes {@code environment} after the grace if it is then still idle since {@code idleEpoch}. */
    void schedule(Environment environment, long idleEpoch) {
        due.add(new Due(environment, idleEpoch, System.nanoTime() + graceNanos));
        if (sleepingUntilWoken) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        long lastBusy = System.nanoTime();
        while (!closed) {
            Due next = due.peek();
            if (next == null && System.nanoTime() - lastBusy < STAY_AWAKE_NANOS) {
                // Still ticking: a caller invoking one at a time would otherwise pay for a wake-up of
                // this thread (a futex call under the pool lock) on every invoke.
                LockSupport.parkNanos(this, graceNanos / 2);
                continue;
            }
            if (next == null) {
                sleepingUntilWoken = true;
                // Checked again after the flag is up: an item added before it was seen would wait forever.
                if (due.isEmpty() && !closed) {
                    LockSupport.park(this);
                }
                sleepingUntilWoken = false;
                continue;
            }
            long wait = next.deadlineNanos() - System.nanoTime();
            if (wait > 0) {
                // Under load deadlines come microseconds apart: waking for each would cost a context
                // switch per invoke, so a wake-up serves every deadline of the next half grace.
                LockSupport.parkNanos(this, Math.max(wait, graceNanos / 2));
            }
            freezeDue(System.nanoTime());
            lastBusy = System.nanoTime();
        }
    }

    private void freezeDue(long now) {
        for (Due next = due.peek(); next != null && next.deadlineNanos() <= now; next = due.peek()) {
            due.poll();
            try {
                next.environment().freezeIfIdleSince(next.idleEpoch());
            } catch (RuntimeException e) {
                System.err.println("overtime: cannot freeze " + next.environment() + ": " + e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }
}
