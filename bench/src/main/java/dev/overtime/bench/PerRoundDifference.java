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

    /** The p50 of every target in every round, as a markdown table, then the errors of all runs. */
    static String table(java.util.Map<String, List<LoadDriver.Result>> results) {
        int rounds = results.values().iterator().next().size();
        StringBuilder out = new StringBuilder("\n| round |");
        results.keySet().forEach(name -> out.append(' ').append(name).append(" p50 µs |"));
        out.append("\n|---|");
        results.keySet().forEach(name -> out.append("---|"));
        out.append('\n');
        for (int i = 0; i < rounds; i++) {
            out.append("| ").append(i + 1).append(" |");
            for (List<LoadDriver.Result> runs : results.values()) {
                out.append(String.format(Locale.ROOT, " %.1f |", runs.get(i).p50Micros()));
            }
            out.append('\n');
        }
        long errors = results.values().stream().flatMap(List::stream).mapToLong(LoadDriver.Result::errors).sum();
        return out.append("\nErrors: ").append(errors).append('\n').toString();
    }
}
