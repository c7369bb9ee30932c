package dev.overtime.platform.runtimeapi;

/**
 * AWS's bandwidth for a streamed response, for users who want production timing: the first 6 MiB
 * go at full speed, after that 2 MiB/s (a token bucket with a 6 MiB burst). One per response; it
 * says how long to wait before reading more, it never sleeps itself.
 */
final class StreamShaper {
    static final long BURST_BYTES = 6L * 1024 * 1024;
    static final long BYTES_PER_SECOND = 2L * 1024 * 1024;

    private double tokens = BURST_BYTES;
    private long lastNanos;

    StreamShaper(long nowNanos) {
        this.lastNanos = nowNanos;
    }

    /** Takes {@code bytes} that were just forwarded; returns the nanoseconds to wait before the next read. */
    long delayNanos(long bytes, long nowNanos) {
        tokens = Math.min(BURST_BYTES, tokens + (nowNanos - lastNanos) * (BYTES_PER_SECOND / 1e9));
        lastNanos = nowNanos;
        tokens -= bytes;
        return tokens >= 0 ? 0 : (long) (-tokens / BYTES_PER_SECOND * 1e9);
    }
}
