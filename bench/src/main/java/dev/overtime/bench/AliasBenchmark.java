package dev.overtime.bench;

import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.TemplateContext;
import dev.overtime.platform.template.TemplateLoader;
import dev.overtime.platform.versions.ConfigurationChange;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What resolving a weighted alias adds to a warm invoke: one platform with serve's defaults serving
 * {@code hello-java} (a {@code RequestHandler<Map, Map>} that logs a line per call), with versions 1
 * and 2 published (they differ by an environment variable, so each has its own environments) and an
 * alias {@code live} on version 1 sending 0.3 of the calls to version 2. Baseline: the same function
 * invoked by its bare name ({@code $LATEST}). Each round measures one caller on each target, closed
 * loop over a keep-alive connection, alternating which target goes first; the report gives the
 * median of the per-round p50 differences.
 *
 * <p>Run: {@code ./overtime bench-alias [seconds per target] [rounds] [warm-up seconds]}.
 */
public final class AliasBenchmark {

    private static final byte[] EVENT = "{\"name\":\"Ada\",\"n\":12345}".getBytes(StandardCharsets.UTF_8);
    private static final String FUNCTION = "hello-java";

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args, "bench-alias [seconds] [rounds] [warm-up seconds]");
        double seconds = arguments.number(0, 5);
        int rounds = arguments.count(1, 8);
        double warmup = arguments.number(2, 20);
        Path root = Path.of(System.getProperty("overtime.root", ".")).toAbsolutePath().normalize();
        Path examples = root.resolve("examples/template.yaml");
        LoadedTemplate template = TemplateLoader.load(examples, Map.of(), TemplateContext.defaultsFor(examples));
        FunctionDefinition hello = InvokeBenchmark.find(template, FUNCTION);
        Path work = Files.createTempDirectory("overtime-alias-bench");
        try (Platform platform = Platform.start(ServeConfiguration.DEFAULTS.config(work.resolve("data")),
                List.of(hello))) {
            DeployedFunction function = platform.functions().find(FUNCTION).orElseThrow();
            function.publish(null, null, null);
            function.update(new ConfigurationChange(null, null, null, null, Map.of("BENCH_VERSION", "2"), null, null,
                    null), null);
            function.publish(null, null, null);
            function.createAlias("live", "1", "2", 0.3, "bench");
            Map<String, String> targets = new LinkedHashMap<>();
            targets.put("$LATEST (bare name)", "/2015-03-31/functions/" + FUNCTION + "/invocations");
            targets.put("alias live (0.3 on version 2)", "/2015-03-31/functions/" + FUNCTION + "/invocations?Qualifier=live");
            System.out.println("warming up (" + warmup + " s per target, 1 caller)...");
            for (String path : targets.values()) {
                run(platform, path, "warmup", warmup);
            }
            Map<String, List<LoadDriver.Result>> results = new LinkedHashMap<>();
            targets.keySet().forEach(k -> results.put(k, new ArrayList<>()));
            List<String> names = new ArrayList<>(targets.keySet());
            for (int round = 0; round < rounds; round++) {
                List<String> order = round % 2 == 0 ? names : names.reversed();
                for (String name : order) {
                    results.get(name).add(run(platform, targets.get(name), name, seconds));
                }
            }
            System.out.print(report(results, names.get(0), names.get(1), seconds, warmup));
        } finally {
            WorkFolders.deleteQuietly(work);
        }
    }

    private static LoadDriver.Result run(Platform platform, String path, String label, double seconds)
            throws Exception {
        return LoadDriver.run(label, () -> new KeepAliveClient(platform.port(), "POST", path, "", EVENT.length),
                EVENT, 1, seconds);
    }

    private static String report(Map<String, List<LoadDriver.Result>> results, String baseline, String alias,
                                 double seconds, double warmup) {
        List<LoadDriver.Result> base = results.get(baseline);
        List<LoadDriver.Result> weighted = results.get(alias);
        double[] differences = new double[base.size()];
        double[] ratios = new double[base.size()];
        for (int i = 0; i < base.size(); i++) {
            differences[i] = weighted.get(i).p50Micros() - base.get(i).p50Micros();
            ratios[i] = weighted.get(i).p50Micros() / base.get(i).p50Micros();
        }
        Arrays.sort(differences);
        Arrays.sort(ratios);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n## Weighted alias against $LATEST, %s, %d cores, %s %s, %d rounds of %.0f s per target after "
                        + "%.0f s of warm-up each%n%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), base.size(), seconds, warmup));
        out.append("- serve's defaults; hello-java; 1 caller, closed loop, one keep-alive connection; rounds "
                + "alternate the order of the targets.\n");
        out.append(String.format(Locale.ROOT, "- **p50 added by the weighted alias: %+.1f µs** (median of the "
                        + "per-round differences; target ≤ 5 µs), ratio %.3fx%n%n",
                InvokeBenchmark.median(differences), InvokeBenchmark.median(ratios)));
        out.append("| round | $LATEST p50 µs | alias p50 µs | $LATEST /s | alias /s | errors |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (int i = 0; i < base.size(); i++) {
            LoadDriver.Result b = base.get(i);
            LoadDriver.Result w = weighted.get(i);
            out.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.0f | %.0f | %d |%n", i + 1, b.p50Micros(),
                    w.p50Micros(), b.perSecond(), w.perSecond(), b.errors() + w.errors()));
        }
        return out.toString();
    }
}
