package dev.overtime.platform.environment;

/** The figures of a CloudWatch-style REPORT line. {@code initDurationMillis} is 0 unless this was a cold start. */
public record InvocationReport(double durationMillis, long billedMillis, int memorySizeMb, long maxMemoryUsedMb,
                               double initDurationMillis) {

    public static InvocationReport of(double durationMillis, int memorySizeMb, long maxMemoryUsedMb,
                                      double initDurationMillis) {
        return new InvocationReport(durationMillis, (long) Math.ceil(durationMillis), memorySizeMb, maxMemoryUsedMb,
                initDurationMillis);
    }
}
