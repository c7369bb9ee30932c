package dev.overtime.platform.async;

/** What happens to an event after an attempt, as {@link RetryPolicy} decides it. */
sealed interface Verdict {

    /** The function succeeded. */
    record Succeeded() implements Verdict {
    }

    /** Try again at {@code dueAt}; {@code throttled} attempts do not count toward the retry limit. */
    record RetryAt(long dueAt, boolean throttled) implements Verdict {
    }

    /** Give up: {@code RetriesExhausted} or {@code EventAgeExceeded}. */
    record GiveUp(String condition) implements Verdict {
    }
}
