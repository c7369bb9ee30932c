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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Warm synchronous invoke latency and throughput on the platform {@code overtime serve} runs by
 * default (freeze on, function output echoed; {@link ServeConfiguration}), beside a bare loopback
 * HTTP exchange on the same server stack, plus the cold start of {@code hello-java} beside a bare JVM
 * start. One run, one machine. Two functions from {@code examples/template.yaml}:
 * <ul>
 *   <li>{@code hello-java}, the realistic handler: a {@code RequestHandler<Map, Map>}, so JSON binding
 *       through the runtime's serialization both ways, and one log line per call through
 *       {@code context.getLogger()}. As the template defines it, without reserved concurrency: serve's
 *       limit of 32 environments applies, and the report says how many 16 callers got.</li>
 *   <li>{@code echo-java}, the trivial one: a RequestStreamHandler copying its event, reserved
 *       concurrency 16; also as 2 environments of 8 workers. Comparable with the figures before
 *       2026-12.</li>
 * </ul>
 *
 * <p>Run: {@code ./overtime bench [seconds] [cold starts] [warm-up seconds] [--no-freeze] [--quiet]}
 * (or {@code java -jar bench/target/overtime-bench.jar} with the same arguments). The flags are
 * serve's: a run with them measures a non-default configuration, and its report says so.
 * Workload: closed loop, each caller one keep-alive connection; 1 caller for latency, 16 for throughput.
 */
public final class InvokeBenchmark {

    private static final byte[] EVENT = "{\"hello\":\"overtime\",\"n\":12345}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HELLO_EVENT = "{\"name\":\"Ada\",\"n\":12345}".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args, "bench [seconds] [cold starts] [warm-up seconds] "
                + ServeConfiguration.USAGE, ServeConfiguration.FLAGS);
        double seconds = arguments.number(0, 10);
        int coldStarts = arguments.count(1, 10);
        // 16 environments are 16 JVMs, each taking 1/16 of the load: until each has filled its eden
        // once, every allocation lands on a page never touched before, and the page faults (a
        // hypervisor exit each on a VM) cost a third of the throughput. 30 s covers that here.
        double warmup = Math.max(seconds, arguments.number(2, 30));
        ServeConfiguration serve = ServeConfiguration.of(arguments);
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
        List<FunctionDefinition> functions = new ArrayList<>(List.of(echo, echoShared, hello));
        for (int i = 0; i < coldStarts; i++) {
            functions.add(rename(hello, "cold-" + i));
        }

        Phases phases;
        List<double[]> cold = new ArrayList<>();
        try (BaselineServer baseline = new BaselineServer();
             Platform platform = Platform.start(serve.config(data), functions)) {
            LoadDriver.Target bare = () -> new KeepAliveClient(baseline.port(), "POST", "/echo", "", EVENT.length);
            LoadDriver.Target invokeEcho = invoke(platform, "echo-java", EVENT);
            LoadDriver.Target invokeShared = invoke(platform, "echo-java-x8", EVENT);
            LoadDriver.Target invokeHello = invoke(platform, "hello-java", HELLO_EVENT);

            // Cold starts first, on a quiet machine: no other function process exists yet. As on every
            // start after the first on a data folder, the runtime's class-data archive is there by then.
            boolean archiveReady = awaitClassDataArchive(serve.config(data).environments(), data);
            System.out.println("cold starts " + (archiveReady ? "with the class-data archive ready"
                    : "without a class-data archive"));
            for (int i = 0; i < coldStarts; i++) {
                cold.add(ColdStart.measure(platform, "cold-" + i));
            }
            System.out.println("warming up (" + seconds + " s, " + warmup + " s for 16 environments)...");
            LoadDriver.run("warmup", bare, EVENT, 16, seconds);
            LoadDriver.run("warmup", invokeEcho, EVENT, 16, warmup);
            LoadDriver.run("warmup", invokeShared, EVENT, 16, seconds);
            LoadDriver.run("warmup", invokeHello, HELLO_EVENT, 16, warmup);

            LoadDriver.Result bare1 = LoadDriver.run("bare loopback HTTP exchange (baseline)", bare, EVENT, 1, seconds);
            LoadDriver.Result echo1 = LoadDriver.run("warm sync invoke, echo-java (trivial)", invokeEcho, EVENT, 1,
                    seconds);
            LoadDriver.Result hello1 = LoadDriver.run("warm sync invoke, hello-java (realistic)", invokeHello,
                    HELLO_EVENT, 1, seconds);
            LoadDriver.Result bare16 = LoadDriver.run("bare loopback HTTP exchange (baseline)", bare, EVENT, 16,
                    seconds);
            LoadDriver.Result echo16 = LoadDriver.run("warm sync invoke, echo-java (trivial)", invokeEcho, EVENT, 16,
                    seconds);
            LoadDriver.Result hello16 = LoadDriver.run("warm sync invoke, hello-java (realistic)", invokeHello,
                    HELLO_EVENT, 16, seconds);
            LoadDriver.Result shared16 = LoadDriver.run("warm sync invoke, echo-java, 2 environments x 8 workers",
                    invokeShared, EVENT, 16, seconds);
            phases = new Phases(bare1, echo1, hello1, bare16, echo16, hello16, shared16,
                    Environments.of(platform, "hello-java"));

            if (Boolean.getBoolean("overtime.bench.soak")) {
                // For profilers: keep invoking until the process is stopped.
                String function = System.getProperty("overtime.bench.function",
                        Boolean.getBoolean("overtime.bench.shared") ? "echo-java-x8" : "echo-java");
                byte[] event = function.equals("hello-java") ? HELLO_EVENT : EVENT;
                LoadDriver.Result soak = LoadDriver.run("soak", invoke(platform, function, event), event,
                        Integer.getInteger("overtime.bench.callers", 16),
                        Integer.getInteger("overtime.bench.soakSeconds", 3600));
                System.out.printf("soak: %.0f invokes/s, p50 %.0f us%n", soak.perSecond(), soak.p50Micros());
            }
        }
        double[] jvm = ColdStart.bareJvmStarts(coldStarts);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n## Invoke benchmark, %s, %d cores, %s %s, %.0f s per phase after %.0f s of warm-up%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), seconds, warmup));
        out.append("Configuration: ").append(serve.describe()).append(".\n\n");
        phases.report(out);
        reportColdStarts(out, cold, jvm);
        System.out.print(out);
    }

    /** The measured phases, in the order they ran, and how many environments hello-java had after them. */
    private record Phases(LoadDriver.Result bare1, LoadDriver.Result echo1, LoadDriver.Result hello1,
                          LoadDriver.Result bare16, LoadDriver.Result echo16, LoadDriver.Result hello16,
                          LoadDriver.Result shared16, int helloEnvironments) {

        void report(StringBuilder out) {
            out.append("| run | callers | requests/s | p50 µs | p99 µs | max µs | errors "
                    + "| CPU µs per request: platform / functions / load driver |\n|---|---|---|---|---|---|---|---|\n");
            for (LoadDriver.Result x : List.of(bare1, echo1, hello1, bare16, echo16, hello16, shared16)) {
                out.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.1f | %.1f | %.0f | %d | %s |%n", x.label(),
                        x.callers(), x.perSecond(), x.p50Micros(), x.p99Micros(), x.maxMicros(), x.errors(),
                        x.cpuPerRequest()));
            }
            out.append(String.format(Locale.ROOT, "%nhello-java (realistic): 1 caller p50 = %.2fx the bare exchange "
                            + "(target <= 4x), p99 = %.2fx; 16 callers %.0f invokes/s = %.2f of the bare exchange "
                            + "(target >= 15000/s), p99 %.0f µs, max %.0f µs, on %d environments.%n",
                    hello1.p50Micros() / bare1.p50Micros(), hello1.p99Micros() / bare1.p99Micros(), hello16.perSecond(),
                    hello16.perSecond() / bare16.perSecond(), hello16.p99Micros(), hello16.maxMicros(),
                    helloEnvironments));
            out.append(String.format(Locale.ROOT, "echo-java (trivial): 1 caller p50 = %.2fx the bare exchange, "
                            + "p99 = %.2fx; 16 callers %.0f invokes/s = %.2f of the bare exchange; "
                            + "2 environments x 8 workers %.0f invokes/s = %.2f.%n",
                    echo1.p50Micros() / bare1.p50Micros(), echo1.p99Micros() / bare1.p99Micros(), echo16.perSecond(),
                    echo16.perSecond() / bare16.perSecond(), shared16.perSecond(),
                    shared16.perSecond() / bare16.perSecond()));
            out.append(String.format(Locale.ROOT, "CPU per request at 16 callers, all processes: bare exchange %.1f µs, "
                            + "hello-java %.1f µs (%.2fx), echo-java %.1f µs (%.2fx), 2 x 8 workers %.1f µs (%.2fx).%n",
                    bare16.cpuMicrosPerRequest(), hello16.cpuMicrosPerRequest(),
                    hello16.cpuMicrosPerRequest() / bare16.cpuMicrosPerRequest(), echo16.cpuMicrosPerRequest(),
                    echo16.cpuMicrosPerRequest() / bare16.cpuMicrosPerRequest(), shared16.cpuMicrosPerRequest(),
                    shared16.cpuMicrosPerRequest() / bare16.cpuMicrosPerRequest()));
        }
    }

    private static void reportColdStarts(StringBuilder out, List<double[]> cold, double[] jvm) {
        if (cold.isEmpty()) {
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
    }

    /**
     * Waits (60 s at most) until the platform has made the class-data archive it makes on a new data
     * folder, so that the cold starts measure what every later start on the folder gets rather than a
     * JVM training beside them. Returns whether an archive is there.
     */
    static boolean awaitClassDataArchive(dev.overtime.platform.environment.EnvironmentSettings settings,
                                                 Path data) throws InterruptedException {
        if (!settings.classDataArchive()) {
            return false;
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (var files = Files.find(data.resolve("runtimes"), 3, (file, attributes) ->
                    file.getParent().getFileName().toString().equals("class-data")
                            && (file.toString().endsWith(".aot") || file.toString().endsWith(".jsa")))) {
                if (files.findAny().isPresent()) {
                    return true;
                }
            } catch (java.io.IOException e) {
                // Not there yet.
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static LoadDriver.Target invoke(Platform platform, String function, byte[] event) {
        return () -> new KeepAliveClient(platform.port(), "POST", "/2015-03-31/functions/" + function + "/invocations",
                "", event.length);
    }

    /** A function of {@code examples/template.yaml} under {@code -Dovertime.root}, as serve would read it. */
    static FunctionDefinition exampleFunction(String name) {
        Path root = Path.of(System.getProperty("overtime.root", ".")).toAbsolutePath().normalize();
        Path examples = root.resolve("examples/template.yaml");
        return find(TemplateLoader.load(examples, Map.of(), TemplateContext.defaultsFor(examples)), name);
    }

    static FunctionDefinition find(LoadedTemplate template, String name) {
        return template.functions().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is missing from examples/template.yaml"));
    }

    static FunctionDefinition rename(FunctionDefinition f, String name) {
        return new FunctionDefinition(name, name, f.runtime(), f.handler(), f.code(), f.timeout(), f.memorySizeMb(),
                f.environment(), null, f.description());
    }

    static double median(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }
}
