package dev.overtime.bench;

import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.versions.ConfigurationChange;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What resolving an alias adds to a warm invoke. One platform with serve's defaults serves
 * {@code hello-java} (a {@code RequestHandler<Map, Map>} that logs a line per call) with versions 1
 * and 2 published (they differ by an environment variable, so each has environments of its own), an
 * alias {@code live} on version 1 that sends 0.3 of the calls to version 2, and an alias
 * {@code steady} on version 1 alone. The pairs that isolate the resolution run on the same
 * environments:
 * <ul>
 *   <li>{@code live} against the caller itself choosing {@code ?Qualifier=1} or {@code 2} with the same
 *       weights (the figure: a weighted alias);</li>
 *   <li>{@code steady} against {@code ?Qualifier=1};</li>
 *   <li>and, for what users see, {@code live} against {@code $LATEST} by its bare name, which also
 *       pays for spreading calls over two environments.</li>
 * </ul>
 * Each round measures one caller on each target for the same time, closed loop over a keep-alive
 * connection, in an order that alternates; each figure is the median of the per-round differences.
 *
 * Then {@link AliasResolution} measures the lookup alone with JMH.
 *
 * <p>Run: {@code ./overtime bench-alias [seconds per target] [rounds] [warm-up seconds]}.
 */
public final class AliasBenchmark {

    private static final byte[] EVENT = "{\"name\":\"Ada\",\"n\":12345}".getBytes(StandardCharsets.UTF_8);
    private static final String FUNCTION = "hello-java";
    private static final String INVOKE = "/2015-03-31/functions/" + FUNCTION + "/invocations";
    private static final double WEIGHT = 0.3;

    /** One target: a path, or two drawn per request by the caller. */
    private record Target(String name, String path, String secondPath) {
        LoadDriver.Target connect(Platform platform) {
            return () -> new KeepAliveClient(platform.port(), "POST", path, secondPath, WEIGHT, "", EVENT.length);
        }
    }

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args, "bench-alias [seconds] [rounds] [warm-up seconds]");
        double seconds = arguments.number(0, 5);
        int rounds = arguments.count(1, 8);
        double warmup = arguments.number(2, 10);
        FunctionDefinition hello = InvokeBenchmark.exampleFunction(FUNCTION);
        Path work = Files.createTempDirectory("overtime-alias-bench");
        try (Platform platform = Platform.start(ServeConfiguration.DEFAULTS.config(work.resolve("data")),
                List.of(hello))) {
            DeployedFunction function = platform.functions().find(FUNCTION).orElseThrow();
            function.publish(null, null, null);
            function.update(new ConfigurationChange(null, null, null, null, null, Map.of("BENCH_VERSION", "2"), null,
                    null, null), null);
            function.publish(null, null, null);
            function.createAlias("live", "1", "2", WEIGHT, "bench");
            function.createAlias("steady", "1", null, 0, "bench");
            List<Target> targets = List.of(
                    new Target("weighted alias live", INVOKE + "?Qualifier=live", null),
                    new Target("caller picks 1 or 2", INVOKE + "?Qualifier=1", INVOKE + "?Qualifier=2"),
                    new Target("alias steady", INVOKE + "?Qualifier=steady", null),
                    new Target("version 1", INVOKE + "?Qualifier=1", null),
                    new Target("$LATEST (bare name)", INVOKE, null),
                    new Target("$LATEST (?Qualifier=$LATEST)", INVOKE + "?Qualifier=$LATEST", null));
            System.out.println("warming up (" + warmup + " s per target, 1 caller)...");
            for (Target target : targets) {
                LoadDriver.run("warmup " + target.name(), target.connect(platform), EVENT, 1, warmup);
            }
            Map<String, List<LoadDriver.Result>> results = new LinkedHashMap<>();
            targets.forEach(t -> results.put(t.name(), new ArrayList<>()));
            for (int round = 0; round < rounds; round++) {
                List<Target> order = round % 2 == 0 ? targets : targets.reversed();
                for (Target target : order) {
                    results.get(target.name()).add(LoadDriver.run(target.name(), target.connect(platform), EVENT, 1,
                            seconds));
                }
            }
            System.out.print(report(results, seconds, warmup));
        } finally {
            WorkFolders.deleteQuietly(work);
        }
        System.out.println("\nThe lookup alone (JMH, AliasResolution):");
        new org.openjdk.jmh.runner.Runner(new org.openjdk.jmh.runner.options.OptionsBuilder()
                .include(AliasResolution.class.getName()).build()).run();
    }

    private static String report(Map<String, List<LoadDriver.Result>> results, double seconds, double warmup) {
        int rounds = results.values().iterator().next().size();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n## Alias resolution, %s, %d cores, %s %s, %d rounds of %.0f s per target after %.0f s of "
                        + "warm-up each%n%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), rounds, seconds, warmup));
        out.append("- serve's defaults; hello-java with versions 1 and 2; 1 caller, closed loop, one keep-alive "
                + "connection; rounds alternate the order of the targets. Figures: median of the per-round p50 "
                + "differences (and ratios).\n");
        out.append(PerRoundDifference.line("**weighted alias** (live, 0.3 on version 2) against the caller choosing the versions with "
                + "the same weights (target ≤ 5 µs)", results.get("weighted alias live"),
                results.get("caller picks 1 or 2")));
        out.append(PerRoundDifference.line("alias without weights (steady) against version 1", results.get("alias steady"),
                results.get("version 1")));
        out.append(PerRoundDifference.line("$LATEST named by ?Qualifier=$LATEST against its bare name (the qualified path, same "
                + "environment)", results.get("$LATEST (?Qualifier=$LATEST)"), results.get("$LATEST (bare name)")));
        out.append(PerRoundDifference.line("version 1 against $LATEST, both qualified (a published version's environment)",
                results.get("version 1"), results.get("$LATEST (?Qualifier=$LATEST)")));
        out.append(PerRoundDifference.line("weighted alias against $LATEST by bare name (two environments instead of one, and the "
                + "query parameter)", results.get("weighted alias live"), results.get("$LATEST (bare name)")));
        out.append(PerRoundDifference.table(results));
        return out.toString();
    }
}
