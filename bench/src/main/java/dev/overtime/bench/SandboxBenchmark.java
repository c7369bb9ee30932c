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
 * response and Init Duration. The same is then measured for {@code hello-shell} (a bash {@code provided.al2023}
 * function): the sandbox adds the same processes to every runtime's start, and a shell's start varies far less
 * than a JVM's, so its pairs pin the sandbox's own cost down more closely on a busy machine.
 *
 * <p>Run: {@code ./overtime bench-sandbox [java cold starts] [shell cold starts] [--quiet]}, as root on a host
 * that can sandbox (the sandboxed platform's notice is printed first). Each platform's class-data archive is made
 * before the first cold start, as on every start after the first on a data folder.
 */
public final class SandboxBenchmark {

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args,
                "bench-sandbox [java cold starts] [shell cold starts] [--quiet]", "--quiet");
        int pairs = arguments.count(0, 15);
        int shellPairs = arguments.count(1, 30);
        ServeConfiguration serve = new ServeConfiguration(false, arguments.has("--quiet"));
        Path root = Path.of(System.getProperty("overtime.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("overtime-sandbox-bench");
        Path examples = root.resolve("examples/template.yaml");
        LoadedTemplate template = TemplateLoader.load(examples, Map.of(), TemplateContext.defaultsFor(examples));
        FunctionDefinition hello = InvokeBenchmark.find(template, "hello-java");
        FunctionDefinition shell = InvokeBenchmark.find(template, "hello-shell");
        List<FunctionDefinition> functions = new ArrayList<>(List.of(InvokeBenchmark.rename(hello, "first"),
                InvokeBenchmark.rename(shell, "shell-first")));
        for (int i = 0; i < pairs; i++) {
            functions.add(InvokeBenchmark.rename(hello, "cold-" + i));
        }
        for (int i = 0; i < shellPairs; i++) {
            functions.add(InvokeBenchmark.rename(shell, "shell-" + i));
        }

        PlatformConfig plainConfig = serve.config(work.resolve("plain"));
        PlatformConfig sandboxConfig = sandboxed(serve.config(work.resolve("sandboxed")));
        double[][][] java;
        double[][][] shells;
        try (Platform withoutSandbox = Platform.start(plainConfig, functions);
             Platform withSandbox = Platform.start(sandboxConfig, functions)) {
            boolean archives = InvokeBenchmark.awaitClassDataArchive(plainConfig.environments(), work.resolve("plain"))
                    & InvokeBenchmark.awaitClassDataArchive(sandboxConfig.environments(), work.resolve("sandboxed"));
            System.out.println("cold starts " + (archives ? "with the class-data archives ready"
                    : "without class-data archives"));
            // One of each first, not counted: the first start on each platform pays for what is not cached yet.
            ColdStart.measure(withoutSandbox, "first");
            ColdStart.measure(withSandbox, "first");
            ColdStart.measure(withoutSandbox, "shell-first");
            ColdStart.measure(withSandbox, "shell-first");
            java = pairs(withoutSandbox, withSandbox, "cold-", pairs);
            shells = pairs(withoutSandbox, withSandbox, "shell-", shellPairs);
        } finally {
            WorkFolders.deleteQuietly(work);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n## Sandbox benchmark, %s, %d cores, %s %s%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version")));
        out.append("Configuration: ").append(serve.describe()).append(", against the same plus `--sandbox`.\n\n");
        report(out, "hello-java", java[0], java[1]);
        report(out, "hello-shell", shells[0], shells[1]);
        System.out.print(out);
    }

    /** {plain, sandboxed} cold starts of the functions {@code prefix0} .. {@code prefix<count-1>}. */
    private static double[][][] pairs(Platform withoutSandbox, Platform withSandbox, String prefix, int count)
            throws java.io.IOException, InterruptedException {
        double[][] plain = new double[count][];
        double[][] sandboxed = new double[count][];
        for (int i = 0; i < count; i++) {
            // Each side goes first in every other pair: the second start of a pair finds more in the caches.
            if (i % 2 == 0) {
                plain[i] = ColdStart.measure(withoutSandbox, prefix + i);
                sandboxed[i] = ColdStart.measure(withSandbox, prefix + i);
            } else {
                sandboxed[i] = ColdStart.measure(withSandbox, prefix + i);
                plain[i] = ColdStart.measure(withoutSandbox, prefix + i);
            }
            System.out.printf(Locale.ROOT, "%s%d: %.1f ms plain, %.1f ms sandboxed%n", prefix, i, plain[i][0],
                    sandboxed[i][0]);
        }
        return new double[][][]{plain, sandboxed};
    }

    /** serve's configuration plus {@code --sandbox}, its notice printed, since it says what the host offers. */
    private static PlatformConfig sandboxed(PlatformConfig config) {
        ByteArrayOutputStream notices = new ByteArrayOutputStream();
        PlatformConfig sandboxed = config.withEnvironments(config.environments().withSandbox(true));
        return sandboxed.withConsole(new PrintStream(new NoticeTee(notices, config.console()), true,
                StandardCharsets.UTF_8));
    }

    private static void report(StringBuilder out, String function, double[][] plain, double[][] sandboxed) {
        for (int column = 0; column < 2; column++) {
            String what = column == 0 ? "invoke to response" : "Init Duration";
            double[] withoutSandbox = sorted(plain, column);
            double[] withSandbox = sorted(sandboxed, column);
            double[] differences = new double[plain.length];
            for (int i = 0; i < plain.length; i++) {
                differences[i] = sandboxed[i][column] - plain[i][column];
            }
            Arrays.sort(differences);
            out.append(String.format(Locale.ROOT, "- %s cold start (%d pairs), %s: p50 %.1f ms plain, %.1f ms "
                            + "sandboxed; median pair difference **%+.1f ms** (%.3fx; target: at most +20 ms)%n",
                    function, plain.length, what,
                    InvokeBenchmark.median(withoutSandbox), InvokeBenchmark.median(withSandbox),
                    InvokeBenchmark.median(differences),
                    InvokeBenchmark.median(withSandbox) / InvokeBenchmark.median(withoutSandbox)));
        }
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
