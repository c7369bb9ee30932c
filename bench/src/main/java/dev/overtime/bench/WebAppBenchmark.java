package dev.overtime.bench;

import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.function.FunctionUrlDefinition;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.TemplateContext;
import dev.overtime.platform.template.TemplateLoader;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a web app pays for running as a function (issue 19). The same plain Node app,
 * {@code examples/web-sse-node} on its realistic route ({@code GET /?name=Ada}: a JSON answer, and a
 * log line written after {@code res.end()}), called two ways, closed loop, one keep-alive connection
 * per caller:
 * <ul>
 *   <li><b>direct</b>: {@code node server.js} on a port of its own, started by this benchmark, its
 *       output to {@code /dev/null} (the baseline);</li>
 *   <li><b>Function URL</b>: the {@code web-sse-node} function exactly as {@code examples/template.yaml}
 *       declares it for AWS (the public LWA layer, which Overtime replaces with its own adapter;
 *       {@code AWS_LAMBDA_EXEC_WRAPPER=/opt/bootstrap}; {@code run.sh}; {@code response_stream}),
 *       on one platform with serve's defaults, called on its RESPONSE_STREAM Function URL;</li>
 *   <li><b>16 apps, a caller each</b>: sixteen {@code node server.js}, each called by one caller, no
 *       platform. Through a Function URL each request has an environment, and so a node process, of its
 *       own, as on Lambda; this side is the most that any adapter giving each request its own process
 *       can reach on the machine, and the report gives the Function URL's share of it beside the target.</li>
 * </ul>
 * After a warm-up of each side (16 callers, then 1), each round runs 1 caller on each side, then 16
 * callers on each side, rounds alternating which side goes first. The report gives the median of the
 * per-round p50 differences at 1 caller (target at most 150 µs added) and of the per-round throughput
 * ratios at 16 callers (target at least 0.40 of direct).
 *
 * <p>Then cold starts: each on a fresh platform, from the request that starts the function's first
 * environment (the adapter, {@code run.sh}, node, the readiness check) to its whole answer, median
 * of several; beside it the floor, a bare {@code node server.js} from process start to first answer.
 * A first platform cold start, which also loads the platform's classes in this JVM, is not counted.
 *
 * <p>Run: {@code ./overtime bench-webapp [seconds] [rounds] [warm-up seconds] [cold starts]}, with serve's
 * flags ({@link ServeConfiguration}) and {@code --direct-only}, which measures the direct side and the
 * bare node starts alone (no platform). Node comes from {@code OVERTIME_NODE} or the {@code PATH}.
 */
public final class WebAppBenchmark {

    private static final String FUNCTION = "web-sse-node";
    private static final String PATH = "/?name=Ada";
    private static final byte[] NO_BODY = new byte[0];
    private static final int SPREAD = 16;
    private static final String SPREAD_SIDE = SPREAD + " apps, a caller each";
    private static final String USAGE = "bench-webapp [seconds] [rounds] [warm-up seconds] [cold starts] "
            + ServeConfiguration.USAGE + " [--direct-only]";

    /** One way to reach the app (callers take its ports in turn), and what it measured, round by round. */
    private record Side(String name, List<Integer> ports, Platform platform, List<LoadDriver.Result> oneCaller,
                        List<LoadDriver.Result> sixteenCallers, List<Double> freezesPerThousand) {
        Side(String name, int port, Platform platform) {
            this(name, List.of(port), platform);
        }

        Side(String name, List<Integer> ports, Platform platform) {
            this(name, ports, platform, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        LoadDriver.Result run(String label, int callers, double seconds) throws Exception {
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            return LoadDriver.run(name + ", " + label, () -> new KeepAliveClient(
                            ports.get(next.getAndIncrement() % ports.size()), "GET", PATH, "", 0),
                    NO_BODY, callers, seconds);
        }

        /** A measured run, with the freeze signals the platform sent per 1,000 requests. */
        LoadDriver.Result measure(String label, int callers, double seconds) throws Exception {
            long signals = platform == null ? 0 : platform.freezeSignalsSent();
            LoadDriver.Result result = run(label, callers, seconds);
            if (platform != null) {
                freezesPerThousand.add((platform.freezeSignalsSent() - signals) * 1000.0 / Math.max(1, result.requests()));
            }
            return result;
        }
    }

    public static void main(String[] args) throws Exception {
        String[] flags = Arrays.copyOf(ServeConfiguration.FLAGS, ServeConfiguration.FLAGS.length + 1);
        flags[flags.length - 1] = "--direct-only";
        BenchArguments arguments = new BenchArguments(args, USAGE, flags);
        double seconds = arguments.number(0, 5);
        int rounds = arguments.count(1, 4);
        double warmup = arguments.number(2, 20);
        int coldStarts = arguments.count(3, 5);
        boolean directOnly = arguments.has("--direct-only");
        ServeConfiguration serve = ServeConfiguration.of(arguments);
        Path root = Path.of(System.getProperty("overtime.root", ".")).toAbsolutePath().normalize();
        Path examples = root.resolve("examples/template.yaml");
        LoadedTemplate template = TemplateLoader.load(examples, Map.of(), TemplateContext.defaultsFor(examples));
        FunctionDefinition function = InvokeBenchmark.find(template, FUNCTION);
        FunctionUrlDefinition url = template.functionUrls().stream()
                .filter(u -> u.functionName().equals(FUNCTION)).findFirst()
                .orElseThrow(() -> new IllegalStateException(FUNCTION + " has no Function URL in " + examples));
        Path app = root.resolve("examples/web-sse-node");

        System.out.println("bare node starts (" + coldStarts + ")...");
        double[] bareStarts = new double[coldStarts];
        for (int i = 0; i < coldStarts; i++) {
            try (DirectApp direct = DirectApp.start(app)) {
                bareStarts[i] = direct.startedMillis();
            }
        }
        Arrays.sort(bareStarts);

        double[][] coldMillis = new double[2][0];
        if (!directOnly) {
            System.out.println("cold starts through the Function URL, adapter hosted and as a process (1 + "
                    + coldStarts + " each)...");
            coldMillis = new double[][] {new double[coldStarts], new double[coldStarts]};
            for (int i = -1; i < coldStarts; i++) {
                for (int mode = 0; mode < 2; mode++) {
                    double millis = coldStart(config(serve, mode == 0, "cold"), function, url, template);
                    if (i >= 0) {
                        coldMillis[mode][i] = millis;
                    }
                }
            }
            Arrays.sort(coldMillis[0]);
            Arrays.sort(coldMillis[1]);
        }

        Path work = Files.createTempDirectory("overtime-webapp-bench");
        List<Side> sides = new ArrayList<>();
        int environments = 0;
        int processEnvironments = 0;
        List<DirectApp> apart = new ArrayList<>();
        try (DirectApp direct = DirectApp.start(app);
             AutoCloseable stopApart = () -> apart.forEach(DirectApp::close);
             Platform platform = directOnly ? null : Platform.start(config(serve, true, work.resolve("data")),
                     List.of(function), List.of(url));
             Platform processPlatform = directOnly ? null : Platform.start(config(serve, false,
                     work.resolve("data-process")), List.of(function), List.of(url))) {
            sides.add(new Side("direct", direct.port(), null));
            for (int i = 0; i < SPREAD; i++) {
                apart.add(DirectApp.start(app));
            }
            sides.add(new Side(SPREAD_SIDE, apart.stream().map(DirectApp::port).toList(), null));
            if (platform != null) {
                sides.add(new Side("Function URL", URI.create(platform.functionUrl(FUNCTION).orElseThrow()).getPort(),
                        platform));
                sides.add(new Side("Function URL, --web-adapter process",
                        URI.create(processPlatform.functionUrl(FUNCTION).orElseThrow()).getPort(), processPlatform));
            }
            System.out.println("warming up (" + warmup + " s per side at 16 callers, then 1)...");
            for (Side side : sides) {
                side.run("warm-up", 16, warmup);
                side.run("warm-up", 1, Math.min(warmup, 5));
            }
            for (int round = 0; round < rounds; round++) {
                List<Side> order = round % 2 == 0 ? sides : sides.reversed();
                for (Side side : order) {
                    side.oneCaller().add(side.measure("round " + (round + 1), 1, seconds));
                }
                for (Side side : order) {
                    side.sixteenCallers().add(side.measure("round " + (round + 1), 16, seconds));
                }
            }
            if (platform != null) {
                environments = Environments.of(platform, FUNCTION);
                processEnvironments = Environments.of(processPlatform, FUNCTION);
            }
        } finally {
            WorkFolders.deleteQuietly(work);
        }
        System.out.print(report(sides, serve, seconds, warmup, new int[] {environments, processEnvironments},
                bareStarts, coldMillis));
    }

    /** serve's configuration as the flags give it, with the web adapter hosted (serve's default) or as a process. */
    private static PlatformConfig config(ServeConfiguration serve, boolean hostedAdapter, Path data) {
        PlatformConfig config = serve.config(data);
        return config.withEnvironments(config.environments().withHostedWebAdapter(hostedAdapter));
    }

    private static PlatformConfig config(ServeConfiguration serve, boolean hostedAdapter, String folder)
            throws IOException {
        return config(serve, hostedAdapter, Files.createTempDirectory("overtime-webapp-" + folder).resolve("data"));
    }

    /**
     * One cold start on a fresh platform: milliseconds from sending the first request to the end of
     * its answer. A failed first request stops the run, with the template's warnings: before the
     * adapter is merged, the platform warns that it does not serve the LWA layer and runs
     * {@code run.sh} as a Node handler.
     */
    private static double coldStart(PlatformConfig config, FunctionDefinition function, FunctionUrlDefinition url,
                                    LoadedTemplate template) throws Exception {
        Path work = config.environments().dataDir().getParent();
        try (Platform platform = Platform.start(config, List.of(function), List.of(url));
             KeepAliveClient client = new KeepAliveClient(URI.create(platform.functionUrl(FUNCTION).orElseThrow())
                     .getPort(), "GET", PATH, "", 0)) {
            long start = System.nanoTime();
            int status = client.exchange(NO_BODY);
            double millis = (System.nanoTime() - start) / 1e6;
            if (status != 200) {
                throw new IllegalStateException("the first request through " + FUNCTION + "'s Function URL answered "
                        + status + "; the template's warnings: " + template.warnings());
            }
            return millis;
        } finally {
            WorkFolders.deleteQuietly(work);
        }
    }

    /** The app on its own: {@code node server.js} on a free port, output discarded. */
    private static final class DirectApp implements AutoCloseable {
        private final Process process;
        private final int port;
        private final double startedMillis;

        private DirectApp(Process process, int port, double startedMillis) {
            this.process = process;
            this.port = port;
            this.startedMillis = startedMillis;
        }

        /** Starts the app and returns once it has answered the benchmark's route. */
        static DirectApp start(Path app) throws Exception {
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(node(), "server.js").directory(app.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("PORT", Integer.toString(port));
            long start = System.nanoTime();
            Process process = builder.start();
            try {
                while (true) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("node server.js exited with " + process.exitValue());
                    }
                    if (System.nanoTime() - start > 10_000_000_000L) {
                        throw new IllegalStateException("node server.js did not answer on port " + port + " in 10 s");
                    }
                    try (KeepAliveClient client = new KeepAliveClient(port, "GET", PATH, "", 0)) {
                        if (client.exchange(NO_BODY) == 200) {
                            return new DirectApp(process, port, (System.nanoTime() - start) / 1e6);
                        }
                    } catch (IOException notListeningYet) {
                        Thread.sleep(1);
                    }
                }
            } catch (Exception | Error e) {
                process.destroyForcibly();
                throw e;
            }
        }

        int port() {
            return port;
        }

        /** Milliseconds from process start to the first answer. */
        double startedMillis() {
            return startedMillis;
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        private static String node() {
            String given = System.getenv("OVERTIME_NODE");
            return given != null && !given.isBlank() ? given : "node";
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }

    private static String report(List<Side> sides, ServeConfiguration serve, double seconds, double warmup,
                                 int[] environments, double[] bareStarts, double[][] coldMillis) {
        Side direct = sides.getFirst();
        int rounds = direct.oneCaller().size();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n## Web app through the adapter, %s, %d cores, %s %s, %d rounds of %.0f s per side and caller count "
                        + "after %.0f s of warm-up%n%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), rounds, seconds, warmup));
        out.append("- ").append(sides.size() > 2 ? serve.describe() : "no platform").append("; examples/web-sse-node, `GET ").append(PATH)
                .append("` (JSON, a log line after `res.end()`); closed loop, one keep-alive connection per caller; "
                        + "rounds alternate the order. Figures: medians of the per-round differences and ratios.\n");
        Side spread = sides.get(1);
        out.append(String.format(Locale.ROOT, "- throughput at 16 callers, %d apps with a caller each (no platform) / "
                + "direct: %.2f, the most that a request per process can reach on this machine%n", SPREAD,
                medianRatio(spread, direct)));
        if (sides.size() > 2) {
            for (int s = 2; s < sides.size(); s++) {
                Side url = sides.get(s);
                String mode = s == 2 ? "adapter hosted (serve's default)" : "--web-adapter process";
                out.append(PerRoundDifference.line("p50 added at 1 caller, Function URL (" + mode
                        + ") against direct (target ≤ 150 µs)", url.oneCaller(), direct.oneCaller()));
                out.append(String.format(Locale.ROOT, "- throughput at 16 callers, Function URL (%s) / direct: **%.2f** "
                        + "(target ≥ 0.40); / %d apps with a caller each: %.2f; %d environments at the end%n", mode,
                        medianRatio(url, direct), SPREAD, medianRatio(url, spread), environments[s - 2]));
                double[] cold = coldMillis[s - 2];
                out.append(String.format(Locale.ROOT, "- cold start through the Function URL (%s), request to answer: "
                        + "**%.0f ms** median of %d (%.0f to %.0f)%n", mode, InvokeBenchmark.median(cold), cold.length,
                        cold[0], cold[cold.length - 1]));
            }
            out.append(String.format(Locale.ROOT, "- a bare `node server.js`, process start to first answer: %.0f ms "
                    + "median (%.0f to %.0f)%n", InvokeBenchmark.median(bareStarts), bareStarts[0],
                    bareStarts[bareStarts.length - 1]));
        } else {
            out.append(String.format(Locale.ROOT, "- --direct-only: no platform. A bare `node server.js`, process "
                            + "start to first answer: %.0f ms median of %d (%.0f to %.0f)%n",
                    InvokeBenchmark.median(bareStarts), bareStarts.length, bareStarts[0],
                    bareStarts[bareStarts.length - 1]));
        }
        out.append("\n| round | side | 1 caller p50 µs | 1 caller p99 µs | 16 callers req/s | 16 callers p50 µs "
                + "| CPU µs/req at 16: platform / functions / driver | freeze signals per 1,000 requests, 1 / 16 callers "
                + "|\n|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < rounds; i++) {
            for (Side side : sides) {
                LoadDriver.Result one = side.oneCaller().get(i);
                LoadDriver.Result sixteen = side.sixteenCallers().get(i);
                String freezes = side.platform() == null ? "-" : String.format(Locale.ROOT, "%.1f / %.1f",
                        side.freezesPerThousand().get(2 * i), side.freezesPerThousand().get(2 * i + 1));
                out.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %.0f | %.1f | %s | %s |%n", i + 1,
                        side.name(), one.p50Micros(), one.p99Micros(), sixteen.perSecond(), sixteen.p50Micros(),
                        sixteen.cpuPerRequest(), freezes));
            }
        }
        long errors = sides.stream().flatMap(s -> java.util.stream.Stream.concat(s.oneCaller().stream(),
                s.sixteenCallers().stream())).mapToLong(LoadDriver.Result::errors).sum();
        out.append("\nErrors: ").append(errors).append('\n');
        return out.toString();
    }

    /** The median over rounds of {@code side}'s throughput at 16 callers as a share of {@code base}'s. */
    private static double medianRatio(Side side, Side base) {
        int rounds = base.sixteenCallers().size();
        double[] ratios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            ratios[i] = side.sixteenCallers().get(i).perSecond() / base.sixteenCallers().get(i).perSecond();
        }
        Arrays.sort(ratios);
        return InvokeBenchmark.median(ratios);
    }
}
