package dev.overtime.platform.environment;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The REPORT line's durations, printed without a Formatter. */
class EnvironmentLogTest {

    @Test
    void twoDecimals_printsWhatPercentTwoFPrintsForMeasuredDurations() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            // Durations are measured in nanoseconds; a tie (…5000 ns) is the one case allowed to differ.
            long nanos = random.nextLong(0, 900_000_000_000L);
            if (nanos % 10_000 == 5_000) {
                continue;
            }
            double millis = nanos / 1e6;
            assertThat(EnvironmentLog.twoDecimals(millis)).as("%d ns", nanos)
                    .isEqualTo(String.format(Locale.ROOT, "%.2f", millis));
        }
    }

    @Test
    void twoDecimals_padsTheFractionAndCarriesIntoTheWholePart() {
        assertThat(EnvironmentLog.twoDecimals(0)).isEqualTo("0.00");
        assertThat(EnvironmentLog.twoDecimals(0.05)).isEqualTo("0.05");
        assertThat(EnvironmentLog.twoDecimals(12.3)).isEqualTo("12.30");
        assertThat(EnvironmentLog.twoDecimals(1.996)).isEqualTo("2.00");
        assertThat(EnvironmentLog.twoDecimals(899_999.999)).isEqualTo("900000.00");
    }
}
