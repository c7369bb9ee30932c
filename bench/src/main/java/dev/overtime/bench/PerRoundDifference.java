package dev.overtime.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One comparison of two targets measured in the same rounds: the median of the per-round p50
 * differences and ratios, since the two sides of a round ran seconds apart and share the machine's drift.
 */
final class PerRoundDifference {

    private PerRoundDifference() {
    }

    /** A markdown list item: {@code - what: **+x µs**, r x}. */
    static String line(String what, List<LoadDriver.Result> measured, List<LoadDriver.Result> baseline) {
        double[] differences = new double[measured.size()];
        double[] ratios = new double[measured.size()];
        for (int i = 0; i < measured.size(); i++) {
            differences[i] = measured.get(i).p50Micros() - baseline.get(i).p50Micros();
            ratios[i] = measured.get(i).p50Micros() / baseline.get(i).p50Micros();
        }
        Arrays.sort(differences);
        Arrays.sort(ratios);
        return String.format(Locale.ROOT, "- %s: **%+.1f µs**, %.3fx%n", what, InvokeBenchmark.median(differences),
                InvokeBenchmark.median(ratios));
    }
}
