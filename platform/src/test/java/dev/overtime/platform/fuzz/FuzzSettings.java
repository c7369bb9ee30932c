package dev.overtime.platform.fuzz;

import java.time.Duration;

/**
 * How long the fuzz suite runs and from which seed: {@code -Dovertime.fuzz.seconds=600} for the long
 * mode (60 s in all by default, bounded for CI), {@code -Dovertime.fuzz.seed=N} to replay a failure.
 * Each door's generator gets a seed of its own derived from this one, so one door's failure replays
 * without the others.
 */
record FuzzSettings(long seed, Duration total) {

    static FuzzSettings fromSystemProperties() {
        long seed = Long.getLong("overtime.fuzz.seed", System.currentTimeMillis());
        return new FuzzSettings(seed, Duration.ofSeconds(Long.getLong("overtime.fuzz.seconds", 60)));
    }

    /** The share of the total a door gets. */
    Duration share(double fraction) {
        return Duration.ofMillis((long) (total.toMillis() * fraction));
    }

    /** The seed of one door's generator. */
    long seedFor(String door) {
        return seed * 31 + door.hashCode();
    }

    /** How to replay a failure, for assertion messages. */
    String replay() {
        return "replay with -Dovertime.fuzz.seed=" + seed + " -Dovertime.fuzz.seconds=" + total.toSeconds();
    }
}
