package dev.overtime.bench;

import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.TemplateContext;
import dev.overtime.platform.template.TemplateLoader;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Warm synchronous invoke latency and throughput of a trivial Java function ({@code echo-java}, a
 * RequestStreamHandler echoing a 30-byte event), beside a bare loopback HTTP exchange on the same
 * server stack, plus the cold start of {@code hello-java} beside a bare JVM start. One run, one machine.
 *
 * <p>Run: {@code ./overtime bench [seconds] [cold starts] [warm-up seconds]} (or {@code java -jar
 * bench/target/overtime-bench.jar} with the same arguments).
 * Workload: closed loop, each caller one keep-alive connection; 1 caller for latency, 16 for throughput.
 */
public final class InvokeBenchmark {

    /** Selector threads of the platform: {@code -Dovertime.bench.selectors=N}; 0 for the platform's default, one per core. */
    static final int SELECTORS = Integer.getInteger("overtime.bench.selectors", 0);

    private static final byte[] EVENT = "{\"hello\":\"overtime\",\"n\":12345}".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args, "bench [seconds] [cold starts] [warm-up seconds]");
        double seconds = arguments.number(0, 10);
        int coldStarts = arguments.count(1, 10);
        // 16 environments are 16 JVMs, each taking 1/16 of the load: until each has filled its eden
        // once, every allocation lands on a page never touched before, and the page faults (a
        // hypervisor exit each on a VM) cost a third of the throughput. 30 s covers that here.
        double warmup = Math.max(seconds, arguments.number(2, 30));
        Path root = Path.of(System.getProperty("overtime.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("overtime-bench");

        Path examples = root.resolve("examples/template.yaml");
        LoadedTemplate template = TemplateLoader.load(examples, Map.of(), TemplateContext.defaultsFor(examples));
        FunctionDefinition echo = find(template, "echo-java");
        FunctionDefinition hello = find(template, "hello-java");
        // The same function as Lambda Managed Instances run it: 2 environments with 8 workers each.
        FunctionDefinition echoShared = new FunctionDefinition("echo-java-x8", "echo-java-x8", echo.runtime(),
                echo.handler(), echo.code(), echo.timeout(), echo.memorySizeMb(),
                Map.of("AWS_LAMBDA_MAX_CONCURRENCY", "8"), 2, echo.description());
        List<FunctionDefinition> functions = new ArrayList<>(List.of(echo, echoShared));
        for (int i = 0; i < coldStarts; i++) {
            functions.add(rename(hello, "cold-" + i));
        }
        EnvironmentSettings settings = EnvironmentSettings.defaults(data).withEcho(false);

        List<LoadDriver.Result> results = new ArrayList<>();
        List<double[]> cold = new ArrayList<>();
        try (BaselineServer baseline = new BaselineServer();
             Platform platform = Platform.start(new PlatformConfig("127.0.0.1", 0, settings).withSelectors(SELECTORS), functions)) {
            LoadDriver.Target bare = () -> new KeepAliveClient(baseline.port(), "POST", "/echo", "", EVENT.length);
            LoadDriver.Target invoke = () -> new KeepAliveClient(platform.port(), "POST",
                    "/2015-03-31/functions/echo-java/invocations", "", EVENT.length);
            LoadDriver.Target invokeShared = () -> new KeepAliveClient(platform.port(), "POST",
                    "/2015-03-31/functions/echo-java-x8/invocations", "", EVENT.length);

            // Cold starts first, on a quiet machine: no other function process exists yet.
            for (int i = 0; i < coldStarts; i++) {
                cold.add(ColdStart.measure(platform, "cold-" + i));
            }
            System.out.println("warming up (" + seconds + " s, " + warmup + " s for 16 environments)...");
            LoadDriver.run("warmup", bare, EVENT, 16, seconds);
            LoadDriver.run("warmup", invoke, EVENT, 16, warmup);
            LoadDriver.run("warmup", invokeShared, EVENT, 16, seconds);

            results.add(LoadDriver.run("bare loopback HTTP exchange (baseline)", bare, EVENT, 1, seconds));
            results.add(LoadDriver.run("warm sync invoke, echo-java", invoke, EVENT, 1, seconds));
            results.add(LoadDriver.run("bare loopback HTTP exchange (baseline)", bare, EVENT, 16, seconds));
            results.add(LoadDriver.run("warm sync invoke, echo-java", invoke, EVENT, 16, seconds));
            results.add(LoadDriver.run("warm sync invoke, echo-java, 2 environments x 8 workers", invokeShared,
                    EVENT, 16, seconds));

            if (Boolean.getBoolean("overtime.bench.soak")) {
                // For profilers: keep 16 callers invoking until the process is stopped.
                LoadDriver.Result soak = LoadDriver.run("soak", Boolean.getBoolean("overtime.bench.shared") ? invokeShared : invoke, EVENT, Integer.getInteger("overtime.bench.callers", 16),
                        Integer.getInteger("overtime.bench.soakSeconds", 3600));
                System.out.printf("soak: %.0f invokes/s, p50 %.0f us%n", soak.perSecond(), soak.p50Micros());
            }
        }
        double[] jvm = ColdStart.bareJvmStarts(coldStarts);
        report(results, cold, jvm, seconds, warmup);
    }

    private static FunctionDefinition find(LoadedTemplate template, String name) {
        return template.functions().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is missing from examples/template.yaml"));
    }

    private static FunctionDefinition rename(FunctionDefinition f, String name) {
        return new FunctionDefinition(name, name, f.runtime(), f.handler(), f.code(), f.timeout(), f.memorySizeMb(),
                f.environment(), null, f.description());
    }

    private static void report(List<LoadDriver.Result> r, List<double[]> cold, double[] jvm, double seconds,
                               double warmup) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n## Invoke benchmark, %s, %d cores, %s %s, %.0f s per phase after %.0f s of warm-up%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), seconds, warmup));
        out.append("| run | callers | requests/s | p50 µs | p99 µs | errors | CPU µs per request: platform / functions / load driver |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (LoadDriver.Result x : r) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.1f | %.1f | %d | %s |%n", x.label(), x.callers(),
                    x.perSecond(), x.p50Micros(), x.p99Micros(), x.errors(), x.cpuPerRequest()));
        }
        LoadDriver.Result bare1 = r.get(0), inv1 = r.get(1), bare16 = r.get(2), inv16 = r.get(3);
        out.append(String.format(Locale.ROOT, "%nRatios: invoke/bare p50 at 1 caller = %.2fx (target <= 4x); "
                        + "p99 = %.2fx; throughput at 16 callers = %.0f invokes/s = %.2f of the baseline "
                        + "(target >= 15000/s).%n",
                inv1.p50Micros() / bare1.p50Micros(), inv1.p99Micros() / bare1.p99Micros(), inv16.perSecond(),
                inv16.perSecond() / bare16.perSecond()));
        LoadDriver.Result shared16 = r.get(4);
        out.append(String.format(Locale.ROOT, "With AWS_LAMBDA_MAX_CONCURRENCY=8 (2 environments x 8 workers): "
                + "%.0f invokes/s = %.2f of the baseline.%n", shared16.perSecond(), shared16.perSecond() / bare16.perSecond()));
        out.append(String.format(Locale.ROOT, "CPU per request at 16 callers, all processes: bare exchange %.1f µs, "
                        + "invoke %.1f µs (%.2fx), 2 x 8 workers %.1f µs (%.2fx).%n", bare16.cpuMicrosPerRequest(), inv16.cpuMicrosPerRequest(),
                inv16.cpuMicrosPerRequest() / bare16.cpuMicrosPerRequest(), shared16.cpuMicrosPerRequest(),
                shared16.cpuMicrosPerRequest() / bare16.cpuMicrosPerRequest()));
        if (cold.isEmpty()) {
            System.out.print(out);
            return;
        }
        double[] e2e = cold.stream().mapToDouble(c -> c[0]).sorted().toArray();
        double[] init = cold.stream().mapToDouble(c -> c[1]).sorted().toArray();
        Arrays.sort(jvm);
        out.append(String.format(Locale.ROOT, "%nCold start of hello-java (%d fresh functions): invoke-to-response "
                        + "p50 %.0f ms, max %.0f ms; Init Duration (process start to first /next) p50 %.0f ms; "
                        + "bare JVM start ('java -version', same flags) p50 %.0f ms; cold invoke / bare JVM = %.2fx "
                        + "(target: cold start < 300 ms).%n",
                e2e.length, median(e2e), e2e[e2e.length - 1], median(init), median(jvm), median(e2e) / median(jvm)));
        System.out.print(out);
    }

    static double median(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }
}
