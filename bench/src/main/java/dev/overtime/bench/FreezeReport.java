package dev.overtime.bench;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The freeze A/B as markdown for docs/benchmarks.md: a summary against the targets, then
 * every round. A and B are medians of the rounds; A/B is the median of the per-round ratios, since
 * the two sides of one round ran seconds apart and share the machine's drift.
 */
record FreezeReport(FreezeBenchmark.Side a, FreezeBenchmark.Side b, double seconds, double warmup) {

    private static final double THROUGHPUT_TARGET = 0.85;
    private static final double P99_TARGET = 2.0;
    private static final double P50_TARGET = 1.5;

    String markdown() {
        int rounds = a.sixteenCallers().size();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n## Freeze A/B, %s, %d cores, %s %s, %d rounds of %.0f s per phase after %.0f s of warm-up per side%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), rounds, seconds, warmup));
        out.append("- A: ").append(a.serve().describe()).append('\n');
        out.append("- B: ").append(b.serve().describe()).append('\n');
        out.append("- Function: hello-java (RequestHandler<Map, Map>, one log line per call) in each platform; both "
                + "platforms and the load driver in one JVM; rounds alternate A,B and B,A.\n\n");
        summary(out);
        out.append("\nA, B: medians of the rounds (max: the slowest request of all rounds). A/B: median of the "
                + "per-round ratios.\n\n");
        rounds(out, rounds);
        return out.toString();
    }

    private void summary(StringBuilder out) {
        double throughput = medianRatio(a.sixteenCallers(), b.sixteenCallers(), LoadDriver.Result::perSecond);
        double p99 = medianRatio(a.sixteenCallers(), b.sixteenCallers(), LoadDriver.Result::p99Micros);
        double p50 = medianRatio(a.oneCaller(), b.oneCaller(), LoadDriver.Result::p50Micros);
        long errorsA = errors(a), errorsB = errors(b);
        out.append("| figure | A | B | A/B | target | |\n|---|---|---|---|---|---|\n");
        out.append(String.format(Locale.ROOT, "| throughput, 16 callers | %,.0f/s | %,.0f/s | %.2fx | >= %.2fx | %s |%n",
                median(a.sixteenCallers(), LoadDriver.Result::perSecond),
                median(b.sixteenCallers(), LoadDriver.Result::perSecond), throughput, THROUGHPUT_TARGET,
                verdict(throughput >= THROUGHPUT_TARGET)));
        out.append(String.format(Locale.ROOT, "| p99, 16 callers | %,.0f µs | %,.0f µs | %.2fx | <= %.1fx | %s |%n",
                median(a.sixteenCallers(), LoadDriver.Result::p99Micros),
                median(b.sixteenCallers(), LoadDriver.Result::p99Micros), p99, P99_TARGET, verdict(p99 <= P99_TARGET)));
        out.append(String.format(Locale.ROOT, "| p50, 1 caller | %,.1f µs | %,.1f µs | %.2fx | <= %.1fx | %s |%n",
                median(a.oneCaller(), LoadDriver.Result::p50Micros), median(b.oneCaller(), LoadDriver.Result::p50Micros),
                p50, P50_TARGET, verdict(p50 <= P50_TARGET)));
        out.append(String.format(Locale.ROOT, "| max, 16 callers | %,.0f µs | %,.0f µs | %.2fx | | |%n",
                max(a.sixteenCallers()), max(b.sixteenCallers()), max(a.sixteenCallers()) / max(b.sixteenCallers())));
        out.append(String.format(Locale.ROOT, "| max, 1 caller | %,.0f µs | %,.0f µs | %.2fx | | |%n",
                max(a.oneCaller()), max(b.oneCaller()), max(a.oneCaller()) / max(b.oneCaller())));
        out.append(String.format(Locale.ROOT, "| errors, all phases | %d | %d | | 0 | %s |%n", errorsA, errorsB,
                verdict(errorsA == 0 && errorsB == 0)));
        out.append(String.format(Locale.ROOT, "| environments after 16 callers | %s | %s | | | |%n",
                range(a.environments()), range(b.environments())));
        out.append(String.format(Locale.ROOT, "| CPU µs per request, 16 callers, all processes | %.1f | %.1f | %.2fx | | |%n",
                median(a.sixteenCallers(), LoadDriver.Result::cpuMicrosPerRequest),
                median(b.sixteenCallers(), LoadDriver.Result::cpuMicrosPerRequest),
                medianRatio(a.sixteenCallers(), b.sixteenCallers(), LoadDriver.Result::cpuMicrosPerRequest)));
        out.append(String.format(Locale.ROOT, "| freeze signals per 1,000 invokes, 16 / 1 caller | %.1f / %.1f | %.1f / %.1f "
                        + "| | | |%n", medianOf(a.signalsSixteen()), medianOf(a.signalsOne()), medianOf(b.signalsSixteen()),
                medianOf(b.signalsOne())));
    }

    private static double medianOf(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private void rounds(StringBuilder out, int rounds) {
        out.append("| round | order | 16 callers A / B /s | A/B | p99 A / B µs | A/B | 1 caller p50 A / B µs | A/B "
                + "| max A µs, 16 / 1 caller | max B µs, 16 / 1 caller | errors A / B | environments A / B |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < rounds; i++) {
            LoadDriver.Result a16 = a.sixteenCallers().get(i), b16 = b.sixteenCallers().get(i);
            LoadDriver.Result a1 = a.oneCaller().get(i), b1 = b.oneCaller().get(i);
            out.append(String.format(Locale.ROOT, "| %d | %s | %,.0f / %,.0f | %.2fx | %,.0f / %,.0f | %.2fx "
                            + "| %,.1f / %,.1f | %.2fx | %,.0f / %,.0f | %,.0f / %,.0f | %d / %d | %d / %d |%n",
                    i + 1, i % 2 == 0 ? "A,B" : "B,A", a16.perSecond(), b16.perSecond(),
                    a16.perSecond() / b16.perSecond(), a16.p99Micros(), b16.p99Micros(), a16.p99Micros() / b16.p99Micros(),
                    a1.p50Micros(), b1.p50Micros(), a1.p50Micros() / b1.p50Micros(), a16.maxMicros(), a1.maxMicros(),
                    b16.maxMicros(), b1.maxMicros(), a16.errors() + a1.errors(), b16.errors() + b1.errors(),
                    a.environments().get(i), b.environments().get(i)));
        }
    }

    private static String verdict(boolean met) {
        return met ? "PASS" : "MISS";
    }

    private static long errors(FreezeBenchmark.Side side) {
        return IntStream.range(0, side.sixteenCallers().size())
                .mapToLong(i -> side.sixteenCallers().get(i).errors() + side.oneCaller().get(i).errors()).sum();
    }

    private static double median(List<LoadDriver.Result> results, ToDoubleFunction<LoadDriver.Result> figure) {
        return median(results.stream().mapToDouble(figure).toArray());
    }

    private static double medianRatio(List<LoadDriver.Result> a, List<LoadDriver.Result> b,
                                      ToDoubleFunction<LoadDriver.Result> figure) {
        return median(IntStream.range(0, a.size())
                .mapToDouble(i -> figure.applyAsDouble(a.get(i)) / figure.applyAsDouble(b.get(i))).toArray());
    }

    /** The middle value; for an even count, the mean of the two middle ones. */
    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double max(List<LoadDriver.Result> results) {
        return results.stream().mapToDouble(LoadDriver.Result::maxMicros).max().orElse(Double.NaN);
    }

    private static String range(List<Integer> counts) {
        int min = counts.stream().mapToInt(Integer::intValue).min().orElse(0);
        int max = counts.stream().mapToInt(Integer::intValue).max().orElse(0);
        return min == max ? Integer.toString(min) : min + "-" + max;
    }
}
