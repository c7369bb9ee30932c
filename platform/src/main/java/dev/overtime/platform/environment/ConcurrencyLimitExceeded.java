package dev.overtime.platform.environment;

/** A function has no free environment and may not start another: callers get 429. */
public final class ConcurrencyLimitExceeded extends Exception {
    /** Lambda's {@code Reason} for the 429. */
    private final String reason;

    public ConcurrencyLimitExceeded(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
