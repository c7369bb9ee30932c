package dev.overtime.platform.environment;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many environments a function may have at once, shared by the pools of all its versions:
 * reserved concurrency is a property of the function, not of a version, as on AWS.
 */
public final class ConcurrencyLimit {

    private final int maxEnvironments;
    private final boolean reserved;
    private final AtomicInteger inUse = new AtomicInteger();

    private ConcurrencyLimit(int maxEnvironments, boolean reserved) {
        this.maxEnvironments = maxEnvironments;
        this.reserved = reserved;
    }

    /** The function's {@code ReservedConcurrentExecutions}, or the platform default when it has none. */
    public static ConcurrencyLimit of(Integer reservedConcurrency, int platformDefault) {
        return reservedConcurrency != null ? new ConcurrencyLimit(reservedConcurrency, true)
                : new ConcurrencyLimit(platformDefault, false);
    }

    public int maxEnvironments() {
        return maxEnvironments;
    }

    public boolean reserved() {
        return reserved;
    }

    /** Whether another environment may start now; {@link #tryTake} decides for real. */
    boolean available() {
        return inUse.get() < maxEnvironments;
    }

    /** Takes room for one more environment, if there is any. */
    boolean tryTake() {
        while (true) {
            int now = inUse.get();
            if (now >= maxEnvironments) {
                return false;
            }
            if (inUse.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** An environment taken with {@link #tryTake} is gone. */
    void release() {
        inUse.decrementAndGet();
    }

    /** The 429's {@code Reason}, as AWS words it. */
    String reason() {
        return reserved ? "ReservedFunctionConcurrentInvocationLimitExceeded" : "ConcurrentInvocationLimitExceeded";
    }
}
