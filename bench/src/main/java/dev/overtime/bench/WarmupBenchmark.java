package dev.overtime.bench;

import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.TemplateContext;
import dev.overtime.platform.template.TemplateLoader;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long 16 fresh Java environments take to warm up under load, and whether a change to their
 * JVMs shortens it: a fresh platform with serve's defaults, {@code hello-java} from the examples,
 * and 16 callers from the first request on, measured in consecutive windows. Side A runs the
 * function as the template defines it; side B the same with {@code JAVA_TOOL_OPTIONS} set to
 * the environment variable {@code OVERTIME_BENCH_WARMUP_OPTIONS} (as a user would set it in the template). The rounds
 * alternate which side goes first; every side of every round starts from a fresh platform and
 * data folder, so each measures a first start.
 *
 * <p>Run: {@code ./overtime bench-warmup [window seconds] [windows] [rounds]}.
 */
public final class WarmupBenchmark {

    private static final byte[] EVENT = "{\"name\":\"Ada\",\"n\":12345}".getBytes(StandardCharsets.UTF_8);
    private static final String FUNCTION = "hello-java";

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args, "bench-warmup [window seconds] [windows] [rounds]");
        double window = arguments.number(0, 5);
        int windows = arguments.count(1, 8);
        int rounds = arguments.count(2, 2);
        // An environment variable, since the launcher splits OVERTIME_JAVA_OPTS at spaces.
        String options = System.getenv().getOrDefault("OVERTIME_BENCH_WARMUP_OPTIONS", "");
        Path root = Path.of(System.getProperty("overtime.root", ".")).toAbsolutePath().normalize();
        Path examples = root.resolve("examples/template.yaml");
        LoadedTemplate template = TemplateLoader.load(examples, Map.of(), TemplateContext.defaultsFor(examples));
        FunctionDefinition hello = InvokeBenchmark.find(template, FUNCTION);
        FunctionDefinition tuned = withToolOptions(hello, options);

        Map<String, List<List<LoadDriver.Result>>> sides = new HashMap<>();
        sides.put("A", new ArrayList<>());
        sides.put("B", new ArrayList<>());
        for (int round = 0; round < rounds; round++) {
            List<String> order = round % 2 == 0 ? List.of("A", "B") : List.of("B", "A");
            for (String side : order) {
                FunctionDefinition function = side.equals("A") ? hello : tuned;
                sides.get(side).add(measure(side, function, window, windows));
            }
        }
        System.out.print(report(sides, options, window, windows, rounds));
    }

    private static List<LoadDriver.Result> measure(String side, FunctionDefinition function, double window,
                                                   int windows) throws Exception {
        Path data = Files.createTempDirectory("overtime-warmup-bench");
        List<LoadDriver.Result> results = new ArrayList<>();
        try (Platform platform = Platform.start(ServeConfiguration.DEFAULTS.config(data), List.of(function))) {
            LoadDriver.Target invoke = () -> new KeepAliveClient(platform.port(), "POST",
                    "/2015-03-31/functions/" + FUNCTION + "/invocations", "", EVENT.length);
            for (int i = 0; i < windows; i++) {
                results.add(LoadDriver.run(side + ", window " + (i + 1), invoke, EVENT, 16, window));
            }
        } finally {
            WorkFolders.deleteQuietly(data);
        }
        return results;
    }

    private static FunctionDefinition withToolOptions(FunctionDefinition f, String options) {
        Map<String, String> environment = new HashMap<>(f.environment());
        if (!options.isBlank()) {
            environment.put("JAVA_TOOL_OPTIONS", options);
        }
        return new FunctionDefinition(f.logicalId(), f.name(), f.runtime(), f.handler(), f.code(), f.timeout(),
                f.memorySizeMb(), environment, f.reservedConcurrency(), f.description(), f.freeze(), f.layers(),
                f.ephemeralStorageMb());
    }

    private static String report(Map<String, List<List<LoadDriver.Result>>> sides, String options, double window,
                                 int windows, int rounds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n## Warm-up of 16 fresh Java environments, %s, %d cores, %s %s, "
                        + "%d windows of %.0f s, %d rounds%n%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), windows, window, rounds));
        out.append("- Configuration: ").append(ServeConfiguration.DEFAULTS.describe()).append(", ")
                .append(FUNCTION).append(", 16 callers from the first request\n");
        out.append("- A: the function as the template defines it; B: JAVA_TOOL_OPTIONS=`")
                .append(options.isBlank() ? "(none)" : options).append("`\n");
        out.append("- Each cell: median over rounds of requests/s, p99 ms, max ms.\n\n");
        out.append("| window | A /s | A p99 ms | A max ms | B /s | B p99 ms | B max ms | B/A rate | B/A p99 |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < windows; i++) {
            double[] a = medians(sides.get("A"), i);
            double[] b = medians(sides.get("B"), i);
            out.append(String.format(Locale.ROOT, "| %.0f-%.0f s | %,.0f | %.1f | %.1f | %,.0f | %.1f | %.1f | %.2fx | %.2fx |%n",
                    i * window, (i + 1) * window, a[0], a[1], a[2], b[0], b[1], b[2], b[0] / a[0], b[1] / a[1]));
        }
        long errors = sides.values().stream().flatMap(List::stream).flatMap(List::stream)
                .mapToLong(LoadDriver.Result::errors).sum();
        out.append(String.format(Locale.ROOT, "%nErrors, all windows: %d.%n", errors));
        return out.toString();
    }

    /** Rate, p99 ms and max ms of window {@code i}, each the median over the rounds. */
    private static double[] medians(List<List<LoadDriver.Result>> rounds, int i) {
        double[] rate = rounds.stream().mapToDouble(r -> r.get(i).perSecond()).sorted().toArray();
        double[] p99 = rounds.stream().mapToDouble(r -> r.get(i).p99Micros() / 1000).sorted().toArray();
        double[] max = rounds.stream().mapToDouble(r -> r.get(i).maxMicros() / 1000).sorted().toArray();
        return new double[]{median(rate), median(p99), median(max)};
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
