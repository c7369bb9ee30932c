package dev.overtime.platform.async;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * Timings of asynchronous delivery. The defaults are AWS's; tests shorten the delays instead of
 * waiting minutes.
 *
 * @param retryDelays     wait before each retry of a function error (AWS: 1 min, then 2 min)
 * @param backoffMin      first wait after a throttle or a platform error (AWS: 1 s)
 * @param backoffMax      longest wait after a throttle or a platform error (AWS: 5 min)
 * @param clock           the time events are stamped and aged with
 */
public record AsyncSettings(List<Duration> retryDelays, Duration backoffMin, Duration backoffMax,
                            InstantSource clock) {

    public AsyncSettings {
        retryDelays = List.copyOf(retryDelays);
        if (retryDelays.size() < EventInvokeConfig.MAX_RETRY_ATTEMPTS) {
            throw new IllegalArgumentException("give a delay for each of the "
                    + EventInvokeConfig.MAX_RETRY_ATTEMPTS + " retries");
        }
    }

    public static AsyncSettings defaults() {
        return new AsyncSettings(List.of(Duration.ofMinutes(1), Duration.ofMinutes(2)), Duration.ofSeconds(1),
                Duration.ofMinutes(5), InstantSource.system());
    }

    public AsyncSettings withRetryDelays(Duration first, Duration second) {
        return new AsyncSettings(List.of(first, second), backoffMin, backoffMax, clock);
    }

    public AsyncSettings withBackoff(Duration min, Duration max) {
        return new AsyncSettings(retryDelays, min, max, clock);
    }

    public AsyncSettings withClock(InstantSource clock) {
        return new AsyncSettings(retryDelays, backoffMin, backoffMax, clock);
    }

    /** The wait before retry number {@code retry} (1 or 2) of a function error. */
    Duration retryDelay(int retry) {
        return retryDelays.get(retry - 1);
    }

    /** The wait after the {@code n}-th throttle in a row: doubling from the minimum, capped at the maximum. */
    Duration backoff(int n) {
        long millis = backoffMin.toMillis() << Math.min(Math.max(n - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, backoffMax.toMillis()));
    }
}
