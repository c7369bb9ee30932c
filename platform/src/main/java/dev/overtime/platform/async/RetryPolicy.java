package dev.overtime.platform.async;

/**
 * AWS's retry rules for asynchronous events. Function errors (including timeouts and crashes) are
 * retried {@code MaximumRetryAttempts} times after the configured delays; throttles are retried with
 * exponential backoff without counting as attempts; nothing is retried past the event's maximum age.
 */
final class RetryPolicy {

    static final String RETRIES_EXHAUSTED = "RetriesExhausted";
    static final String EVENT_AGE_EXCEEDED = "EventAgeExceeded";

    private final AsyncSettings settings;

    RetryPolicy(AsyncSettings settings) {
        this.settings = settings;
    }

    /** Whether an event may still be attempted at {@code now}. */
    boolean tooOld(QueuedEvent event, EventInvokeConfig config, long now) {
        return now - event.acceptedAt() > config.maxAgeMillis();
    }

    /** After a function error; {@code attempts} includes the one that just failed. */
    Verdict afterFunctionError(QueuedEvent event, EventInvokeConfig config, int attempts, long now) {
        if (attempts > config.retries()) {
            return new Verdict.GiveUp(RETRIES_EXHAUSTED);
        }
        return retryAt(event, config, now + settings.retryDelay(attempts).toMillis(), false);
    }

    /** After a throttle; {@code throttles} includes this one. */
    Verdict afterThrottle(QueuedEvent event, EventInvokeConfig config, int throttles, long now) {
        return retryAt(event, config, now + settings.backoff(throttles).toMillis(), true);
    }

    /**
     * A retry that would fall after the event's age limit is scheduled at the limit instead, where
     * the age check sends it down the failure path; nothing waits past its age for nothing.
     */
    private static Verdict retryAt(QueuedEvent event, EventInvokeConfig config, long dueAt, boolean throttled) {
        long expires = event.acceptedAt() + config.maxAgeMillis() + 1;
        return new Verdict.RetryAt(Math.min(dueAt, expires), throttled);
    }
}
