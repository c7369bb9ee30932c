package dev.overtime.platform.runtimeapi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** AWS's streaming bandwidth: 6 MiB at full speed, then 2 MiB/s. */
class StreamShaperTest {
    private static final long MIB = 1024 * 1024;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void theFirst6MiB_goAtFullSpeed() {
        StreamShaper shaper = new StreamShaper(0);

        for (int i = 0; i < 6; i++) {
            assertThat(shaper.delayNanos(MIB, 0)).isZero();
        }
    }

    @Test
    void pastTheBurst_eachMiBWaitsHalfASecond() {
        StreamShaper shaper = new StreamShaper(0);
        shaper.delayNanos(6 * MIB, 0);

        assertThat(shaper.delayNanos(MIB, 0)).isEqualTo(SECOND / 2);
        assertThat(shaper.delayNanos(MIB, SECOND / 2)).isEqualTo(SECOND / 2);
    }

    @Test
    void idleTimeRefillsTheBucketUpTo6MiB() {
        StreamShaper shaper = new StreamShaper(0);
        shaper.delayNanos(6 * MIB, 0);

        assertThat(shaper.delayNanos(2 * MIB, SECOND)).isZero();
        assertThat(shaper.delayNanos(6 * MIB, 100 * SECOND)).isZero();
        assertThat(shaper.delayNanos(MIB, 100 * SECOND)).isEqualTo(SECOND / 2);
    }
}
