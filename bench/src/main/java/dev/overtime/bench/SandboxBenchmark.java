package dev.overtime.bench;

import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.TemplateContext;
import dev.overtime.platform.template.TemplateLoader;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
 * What {@code serve --sandbox} adds to a Java cold start: the first invoke of a fresh {@code hello-java}
 * environment on a platform with serve's defaults and on one that also sandboxes, both running side by side,
 * measured alternately (plain, then sandboxed, one pair per fresh function), so that drift in the machine hits
 * both alike, each side first in every other pair. The figure is the median of the pairs' differences, invoke to
 * response and Init Duration.
 *
 * <p>Run: {@code ./overtime bench-sandbox [cold starts] [--quiet]}, as root on a host that can sandbox (the
 * sandboxed platform's notice is printed first). Each platform's class-data archive is made before the first
 * cold start, as on every start after the first on a data folder.
 */
public final class SandboxBenchmark {

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args, "bench-sandbox [cold starts] [--quiet]", "--quiet");
        int pairs = arguments.count(0, 15);
        ServeConfiguration serve = new ServeConfiguration(false, arguments.has("--quiet"));
        Path root = Path.of(System.getProperty("overtime.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("overtime-sandbox-bench");
        Path examples = root.resolve("examples/template.yaml");
        LoadedTemplate template = TemplateLoader.load(examples, Map.of(), TemplateContext.defaultsFor(examples));
        FunctionDefinition hello = InvokeBenchmark.find(template, "hello-java");
        List<FunctionDefinition> functions = new ArrayList<>(List.of(InvokeBenchmark.rename(hello, "first")));
        for (int i = 0; i < pairs; i++) {
            functions.add(InvokeBenchmark.rename(hello, "cold-" + i));
        }

        PlatformConfig plainConfig = serve.config(work.resolve("plain"));
        PlatformConfig sandboxConfig = sandboxed(serve.config(work.resolve("sandboxed")));
        double[][] plain = new double[pairs][];
        double[][] sandboxed = new double[pairs][];
        try (Platform withoutSandbox = Platform.start(plainConfig, functions);
             Platform withSandbox = Platform.start(sandboxConfig, functions)) {
            boolean archives = InvokeBenchmark.awaitClassDataArchive(plainConfig.environments(), work.resolve("plain"))
                    & InvokeBenchmark.awaitClassDataArchive(sandboxConfig.environments(), work.resolve("sandboxed"));
            System.out.println("cold starts " + (archives ? "with the class-data archives ready"
                    : "without class-data archives"));
            // One of each first, not counted: the first start on each platform pays for what is not cached yet.
            ColdStart.measure(withoutSandbox, "first");
            ColdStart.measure(withSandbox, "first");
            for (int i = 0; i < pairs; i++) {
                // Each side goes first in every other pair: the second start of a pair finds more in the caches.
                if (i % 2 == 0) {
                    plain[i] = ColdStart.measure(withoutSandbox, "cold-" + i);
                    sandboxed[i] = ColdStart.measure(withSandbox, "cold-" + i);
                } else {
                    sandboxed[i] = ColdStart.measure(withSandbox, "cold-" + i);
                    plain[i] = ColdStart.measure(withoutSandbox, "cold-" + i);
                }
                System.out.printf(Locale.ROOT, "pair %d: %.1f ms plain, %.1f ms sandboxed%n", i, plain[i][0],
                        sandboxed[i][0]);
            }
        } finally {
            WorkFolders.deleteQuietly(work);
        }
        System.out.print(report(serve, plain, sandboxed));
    }

    /** serve's configuration plus {@code --sandbox}, its notice printed, since it says what the host offers. */
    private static PlatformConfig sandboxed(PlatformConfig config) {
        ByteArrayOutputStream notices = new ByteArrayOutputStream();
        PlatformConfig sandboxed = config.withEnvironments(config.environments().withSandbox(true));
        return sandboxed.withConsole(new PrintStream(new NoticeTee(notices, config.console()), true,
                StandardCharsets.UTF_8));
    }

    private static String report(ServeConfiguration serve, double[][] plain, double[][] sandboxed) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n## Sandbox benchmark, %s, %d cores, %s %s, %d cold starts each%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), plain.length));
        out.append("Configuration: ").append(serve.describe()).append(", against the same plus `--sandbox`.\n\n");
        for (int column = 0; column < 2; column++) {
            String what = column == 0 ? "invoke to response" : "Init Duration";
            double[] withoutSandbox = sorted(plain, column);
            double[] withSandbox = sorted(sandboxed, column);
            double[] differences = new double[plain.length];
            for (int i = 0; i < plain.length; i++) {
                differences[i] = sandboxed[i][column] - plain[i][column];
            }
            Arrays.sort(differences);
            out.append(String.format(Locale.ROOT, "- hello-java cold start, %s: p50 %.1f ms plain, %.1f ms sandboxed; "
                            + "median pair difference **%+.1f ms** (%.3fx; target: at most +20 ms)%n", what,
                    InvokeBenchmark.median(withoutSandbox), InvokeBenchmark.median(withSandbox),
                    InvokeBenchmark.median(differences),
                    InvokeBenchmark.median(withSandbox) / InvokeBenchmark.median(withoutSandbox)));
        }
        return out.toString();
    }

    private static double[] sorted(double[][] measured, int column) {
        return Arrays.stream(measured).mapToDouble(m -> m[column]).sorted().toArray();
    }

    /** Passes platform notices ({@code overtime: ...}) to the terminal and function output to the discarded console. */
    private static final class NoticeTee extends java.io.OutputStream {
        private final ByteArrayOutputStream line;
        private final PrintStream rest;

        NoticeTee(ByteArrayOutputStream line, PrintStream rest) {
            this.line = line;
            this.rest = rest;
        }

        @Override
        public void write(int b) {
            rest.write(b);
            line.write(b);
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                if (text.startsWith("overtime: ")) {
                    System.out.print(text);
                }
                line.reset();
            }
        }
    }
}
