package dev.overtime.platform.async;

import dev.overtime.platform.async.store.EventStore;
import dev.overtime.platform.async.store.EventStore.Settlement;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps one target's events flowing: claims due events oldest first, up to the target's concurrency,
 * delivers them, and records each ending with the retry policy's verdict.
 *
 * <p>One claim runs at a time. A wake-up that arrives during a claim is remembered and served when
 * the claim returns, so no new event waits for the next timer.
 */
final class TargetQueue {

    /** Events claimed at once for a function whose reserved concurrency is 0, which fails them all. */
    private static final int FAIL_BATCH = 64;

    private final String target;
    private final Deliverer deliverer;
    private final EventDispatcher dispatcher;
    private final ScheduledExecutorService timers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private volatile boolean wakeAgain;
    private ScheduledFuture<?> timer;
    private long timerAt = Long.MAX_VALUE;

    TargetQueue(String target, Deliverer deliverer, EventDispatcher dispatcher, ScheduledExecutorService timers) {
        this.target = target;
        this.deliverer = deliverer;
        this.dispatcher = dispatcher;
        this.timers = timers;
    }

    String target() {
        return target;
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Claims and starts whatever is due and fits. Cheap to call often. */
    void wake() {
        wakeAgain = true;
        if (dispatcher.stopped() || !claiming.compareAndSet(false, true)) {
            return;
        }
        wakeAgain = false;
        int limit = deliverer.concurrency();
        int room = limit == 0 ? FAIL_BATCH - inFlight.get() : limit - inFlight.get();
        if (room <= 0) {
            release();
            return;
        }
        long now = dispatcher.now();
        dispatcher.store().claim(target, now, room).whenComplete((claim, failure) -> {
            if (failure != null) {
                dispatcher.notice("claiming events of " + target + " failed, trying again in 1 s: "
                        + failure.getMessage());
                release();
                scheduleAt(now + 1000);
                return;
            }
            inFlight.addAndGet(claim.events().size());
            for (QueuedEvent event : claim.events()) {
                start(event, now, limit == 0);
            }
            if (claim.events().size() < room && claim.nextDueAt() != Long.MAX_VALUE) {
                scheduleAt(claim.nextDueAt());
            }
            boolean full = claim.events().size() == room;
            claiming.set(false);
            if (full || wakeAgain) {
                wake();
            }
        });
    }

    private void release() {
        claiming.set(false);
        if (wakeAgain && !dispatcher.stopped()) {
            wake();
        }
    }

    private synchronized void scheduleAt(long at) {
        if (timer != null && !timer.isDone() && timerAt <= at) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerAt = at;
        timer = timers.schedule(() -> {
            synchronized (this) {
                timerAt = Long.MAX_VALUE;
            }
            wake();
        }, Math.max(0, at - dispatcher.now()), TimeUnit.MILLISECONDS);
    }

    synchronized void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void start(QueuedEvent event, long now, boolean noConcurrency) {
        EventInvokeConfig config = dispatcher.configOf(event);
        if (noConcurrency) {
            // AWS: with reserved concurrency 0, events go straight to the failure path, untried.
            giveUp(event, config, RetryPolicy.RETRIES_EXHAUSTED, event.attempts(),
                    "The function's reserved concurrency is 0", event.executedVersion());
            return;
        }
        if (dispatcher.policy().tooOld(event, config, now)) {
            giveUp(event, config, RetryPolicy.EVENT_AGE_EXCEEDED, event.attempts(), event.lastError(),
                    event.executedVersion());
            return;
        }
        deliverer.attempt(event).whenComplete((result, failure) -> {
            if (dispatcher.stopped()) {
                // Left in flight in the store: the restarted platform queues it again.
                inFlight.decrementAndGet();
                return;
            }
            AttemptResult outcome = failure == null ? result
                    : new AttemptResult.Deferred("Overtime failed to deliver the event: " + failure);
            finish(event, config, outcome);
        });
    }

    private void finish(QueuedEvent event, EventInvokeConfig config, AttemptResult result) {
        long now = dispatcher.now();
        switch (result) {
            case AttemptResult.Succeeded s -> settle(new Settlement.Delivered(event,
                    dispatcher.records(event, config.onSuccess(), DestinationRecord.SUCCESS, event.attempts() + 1,
                            s.response(), false, s.executedVersion())));
            case AttemptResult.FunctionFailed f -> {
                int attempts = event.attempts() + 1;
                String error = new String(f.body(), java.nio.charset.StandardCharsets.UTF_8);
                switch (dispatcher.policy().afterFunctionError(event, config, attempts, now)) {
                    case Verdict.RetryAt retry -> {
                        dispatcher.notice(label(event) + " event " + event.id() + " failed (attempt " + attempts
                                + " of " + (config.retries() + 1) + ", " + f.errorType() + "); retrying in "
                                + Math.max(0, (retry.dueAt() - now) / 1000) + " s");
                        settle(new Settlement.Retry(event, attempts, event.throttles(), retry.dueAt(), error,
                                f.executedVersion()));
                    }
                    case Verdict.GiveUp g -> giveUp(event, config, g.condition(), attempts, error, f.executedVersion());
                    case Verdict.Succeeded s -> throw new IllegalStateException("a failure cannot succeed");
                }
            }
            case AttemptResult.Deferred d -> {
                int throttles = event.throttles() + 1;
                Verdict verdict = dispatcher.policy().afterThrottle(event, config, throttles, now);
                long dueAt = ((Verdict.RetryAt) verdict).dueAt();
                settle(new Settlement.Retry(event, event.attempts(), throttles, dueAt, d.reason(),
                        event.executedVersion()));
            }
        }
    }

    /** @param executedVersion what the last attempt ran, or {@code null} */
    private void giveUp(QueuedEvent event, EventInvokeConfig config, String condition, int attempts, String error,
                        String executedVersion) {
        dispatcher.notice(label(event) + " event " + event.id() + " is dead (" + condition + " after " + attempts
                + " attempt" + (attempts == 1 ? "" : "s") + "); redrive it with 'overtime events redrive "
                + target + " " + event.id() + "'");
        byte[] response = attempts > 0 && error != null ? error.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                : null;
        settle(new Settlement.Dead(event, attempts, condition, error, executedVersion,
                dispatcher.records(event, config.onFailure(), condition, attempts, response, true, executedVersion)));
    }

    /** The target as the caller named it: {@code name:qualifier} when it named a qualifier. */
    private String label(QueuedEvent event) {
        return event.qualifier() == null ? target : target + ":" + event.qualifier();
    }

    /**
     * Records the ending and frees the slot at once: the store runs work in submission order, so any
     * later claim sees the event already settled, and the next event need not wait for this commit.
     */
    private void settle(Settlement settlement) {
        record(settlement);
        inFlight.decrementAndGet();
        wake();
    }

    private void record(Settlement settlement) {
        dispatcher.store().settle(settlement).whenComplete((done, failure) -> {
            if (failure == null) {
                for (QueuedEvent followUp : settlement.followUps()) {
                    dispatcher.wake(followUp.target());
                }
            } else if (!dispatcher.stopped()) {
                // Until recorded, the event stays in flight in the store: it is neither lost nor claimed twice.
                dispatcher.notice("recording the end of event " + settlement.event().id() + " failed, trying "
                        + "again in 1 s: " + failure.getMessage());
                timers.schedule(() -> record(settlement), 1, TimeUnit.SECONDS);
            }
        });
    }
}
