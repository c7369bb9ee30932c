package dev.overtime.bench;

import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.TemplateContext;
import dev.overtime.platform.template.TemplateLoader;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What serve's defaults cost a realistic function against serve without freeze and echo: two
 * platforms in this one JVM, side by side, each serving {@code hello-java} from
 * {@code examples/template.yaml} (a {@code RequestHandler<Map, Map>} that logs one line per call):
 * <ul>
 *   <li><b>A</b>: {@code serve} exactly as it runs by default, freeze on and function output echoed
 *       (to {@code /dev/null}, see {@link DiscardedConsole});</li>
 *   <li><b>B</b>: {@code serve --no-freeze --quiet}.</li>
 * </ul>
 * Each platform is warmed with 16 callers (16 fresh JVMs need about 30 s of load before their heaps
 * stop costing page faults), then the rounds alternate which side goes first (A,B then B,A), so a
 * drift of the machine hits both alike: in each round 16 callers on each side, then 1 caller on each
 * side, closed loop, one keep-alive connection per caller. {@link FreezeReport} prints the rounds and
 * the A/B ratios against the targets.
 *
 * <p>Run: {@code ./overtime bench-freeze [seconds per phase] [rounds] [warm-up seconds]}.
 */
public final class FreezeBenchmark {

    private static final byte[] EVENT = "{\"name\":\"Ada\",\"n\":12345}".getBytes(StandardCharsets.UTF_8);
    private static final String FUNCTION = "hello-java";

    /** One side of the A/B: a platform, and the phases measured on it, round by round. */
    record Side(String name, ServeConfiguration serve, Platform platform, List<LoadDriver.Result> sixteenCallers,
                List<LoadDriver.Result> oneCaller, List<Integer> environments, List<Double> signalsSixteen,
                List<Double> signalsOne) {

        Side(String name, ServeConfiguration serve, Platform platform) {
            this(name, serve, platform, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>());
        }

        LoadDriver.Result run(String label, int callers, double seconds) throws Exception {
            return LoadDriver.run(name + " (" + serve.command() + "), " + label, () -> new KeepAliveClient(
                    platform.port(), "POST", "/2015-03-31/functions/" + FUNCTION + "/invocations", "", EVENT.length),
                    EVENT, callers, seconds);
        }

        void measureSixteenCallers(double seconds) throws Exception {
            long signals = platform.freezeSignalsSent();
            LoadDriver.Result result = run(FUNCTION, 16, seconds);
            sixteenCallers.add(result);
            signalsSixteen.add(perThousand(platform.freezeSignalsSent() - signals, result));
            environments.add(Environments.of(platform, FUNCTION));
        }

        void measureOneCaller(double seconds) throws Exception {
            long signals = platform.freezeSignalsSent();
            LoadDriver.Result result = run(FUNCTION, 1, seconds);
            oneCaller.add(result);
            signalsOne.add(perThousand(platform.freezeSignalsSent() - signals, result));
        }

        /** Freeze and thaw signals sent per 1,000 invokes: how often the grace ran out under this load. */
        private static double perThousand(long signals, LoadDriver.Result result) {
            return result.requests() == 0 ? 0 : signals * 1000.0 / result.requests();
        }
    }

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args, "bench-freeze [seconds] [rounds] [warm-up seconds]");
        double seconds = arguments.number(0, 10);
        int rounds = arguments.count(1, 6);
        double warmup = arguments.number(2, 30);
        Path root = Path.of(System.getProperty("overtime.root", ".")).toAbsolutePath().normalize();
        Path examples = root.resolve("examples/template.yaml");
        LoadedTemplate template = TemplateLoader.load(examples, Map.of(), TemplateContext.defaultsFor(examples));
        FunctionDefinition hello = InvokeBenchmark.find(template, FUNCTION);
        Path work = Files.createTempDirectory("overtime-freeze-bench");
        ServeConfiguration configA = ServeConfiguration.of(System.getProperty("overtime.bench.a", ""));
        ServeConfiguration configB = ServeConfiguration.of(System.getProperty("overtime.bench.b", "--no-freeze --quiet"));
        try (Platform a = Platform.start(configA.config(work.resolve("a")), List.of(hello));
             Platform b = Platform.start(configB.config(work.resolve("b")), List.of(hello))) {
            Side sideA = new Side("A", configA, a);
            Side sideB = new Side("B", configB, b);
            System.out.println("warming up (" + warmup + " s with 16 callers, " + seconds + " s with 1, each side)...");
            for (Side side : List.of(sideA, sideB)) {
                side.run("warmup", 16, warmup);
                side.run("warmup", 1, seconds);
            }
            for (int round = 0; round < rounds; round++) {
                List<Side> order = round % 2 == 0 ? List.of(sideA, sideB) : List.of(sideB, sideA);
                for (Side side : order) {
                    side.measureSixteenCallers(seconds);
                }
                for (Side side : order) {
                    side.measureOneCaller(seconds);
                }
            }
            System.out.print(new FreezeReport(sideA, sideB, seconds, warmup).markdown());
        } finally {
            WorkFolders.deleteQuietly(work);
        }
    }
}
