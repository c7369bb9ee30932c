package dev.overtime.bench;

import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.TemplateContext;
import dev.overtime.platform.template.TemplateLoader;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an extension and what freeze/thaw add to a warm invoke: the same trivial function
 * ({@code echo-java}) plain, frozen between invocations, and with one external extension registered
 * for INVOKE, each measured with 1 caller in a closed loop, in one run, alternating rounds so drift
 * in the machine hits all three alike.
 *
 * <p>Run: {@code ./overtime bench-lifecycle [seconds per round] [rounds] [--quiet]}. The platform runs
 * with serve's defaults ({@link ServeConfiguration}), except that each function sets freeze itself.
 * With 1 caller the next invoke arrives as soon as the previous answer does, so its latency includes
 * whatever the environment still does before it takes the next event: the extension's round trip, or
 * the SIGSTOP/SIGCONT pair.
 */
public final class LifecycleBenchmark {

    private static final byte[] EVENT = "{\"hello\":\"overtime\",\"n\":12345}".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args, "bench-lifecycle [seconds] [rounds] [--quiet]", "--quiet");
        ServeConfiguration serve = new ServeConfiguration(false, arguments.has("--quiet"));
        double seconds = arguments.number(0, 5);
        int rounds = arguments.count(1, 3);
        Path root = Path.of(System.getProperty("overtime.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("overtime-lifecycle-bench");
        Path examples = root.resolve("examples/template.yaml");
        LoadedTemplate template = TemplateLoader.load(examples, Map.of(), TemplateContext.defaultsFor(examples));
        FunctionDefinition echo = template.functions().stream().filter(f -> f.name().equals("echo-java"))
                .findFirst().orElseThrow(() -> new IllegalStateException("echo-java is missing from the examples"));

        FunctionDefinition plain = copy(echo, "plain", echo.code()).withFreeze(false);
        FunctionDefinition frozen = copy(echo, "frozen", echo.code()).withFreeze(true);
        FunctionDefinition extended = copy(echo, "extended", withExtension(echo.code(), work.resolve("extended")))
                .withFreeze(false);
        List<String> names = List.of("plain", "frozen", "extended");
        Map<String, List<LoadDriver.Result>> byName = Map.of("plain", new ArrayList<>(), "frozen", new ArrayList<>(),
                "extended", new ArrayList<>());
        try (Platform platform = Platform.start(serve.config(work.resolve("data")),
                List.of(plain, frozen, extended))) {
            // Twice the phase length: with less, the first round still ran on a platform being compiled.
            System.out.println("warming up (" + 2 * seconds + " s each)...");
            for (String name : names) {
                LoadDriver.run("warmup", target(platform, name), EVENT, 1, 2 * seconds);
            }
            for (int round = 0; round < rounds; round++) {
                for (String name : names) {
                    byName.get(name).add(LoadDriver.run(name, target(platform, name), EVENT, 1, seconds));
                }
            }
        }
        report(serve, byName, seconds, rounds);
    }

    private static LoadDriver.Target target(Platform platform, String function) {
        return () -> new KeepAliveClient(platform.port(), "POST", "/2015-03-31/functions/" + function + "/invocations",
                "", EVENT.length);
    }

    private static FunctionDefinition copy(FunctionDefinition f, String name, Path code) {
        return new FunctionDefinition(name, name, f.runtime(), f.handler(), code, f.timeout(), f.memorySizeMb(),
                f.environment(), 1, f.description());
    }

    /** A code folder with the function's jar in lib/ and the extension in extensions/, as a layer would add it. */
    private static Path withExtension(Path jar, Path folder) throws Exception {
        Files.createDirectories(folder.resolve("lib"));
        Files.createDirectories(folder.resolve("extensions"));
        Files.copy(jar, folder.resolve("lib").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Path source = folder.resolve("BenchExtension.java");
        try (var in = LifecycleBenchmark.class.getResourceAsStream("BenchExtension.java.txt")) {
            Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path launcher = folder.resolve("extensions").resolve("bench-ext");
        Files.writeString(launcher, "#!/bin/sh\nexec " + java + " -XX:TieredStopAtLevel=1 -Xshare:auto " + source + "\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return folder;
    }

    private static void report(ServeConfiguration serve, Map<String, List<LoadDriver.Result>> byName, double seconds,
                               int rounds) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n## Lifecycle benchmark, %s, %d cores, %s %s, 1 caller, %d rounds of %.0f s%n%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), rounds, seconds));
        out.append("Configuration: ").append(serve.describe())
                .append("; each function sets freeze itself (Metadata.Overtime.Freeze).\n\n");
        out.append("| round | plain p50 µs | frozen p50 µs | extension p50 µs | freeze adds µs | extension adds µs |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (int i = 0; i < rounds; i++) {
            double plain = byName.get("plain").get(i).p50Micros();
            double frozen = byName.get("frozen").get(i).p50Micros();
            double extended = byName.get("extended").get(i).p50Micros();
            out.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.1f | %.1f |%n", i + 1, plain, frozen,
                    extended, frozen - plain, extended - plain));
        }
        double plain = median(byName.get("plain")), frozen = median(byName.get("frozen")),
                extended = median(byName.get("extended"));
        out.append(String.format(Locale.ROOT, "%nMedian of rounds: freeze/thaw adds %.1f µs (%.2fx the plain invoke), "
                        + "an external extension adds %.1f µs (%.2fx); target: under 100 µs each.%n",
                frozen - plain, frozen / plain, extended - plain, extended / plain));
        // Paired within each round, so drift of the machine between rounds cancels out.
        out.append(String.format(Locale.ROOT, "Median of the per-round differences: freeze/thaw adds %.1f µs, "
                        + "an external extension adds %.1f µs.%n",
                medianDifference(byName.get("frozen"), byName.get("plain")),
                medianDifference(byName.get("extended"), byName.get("plain"))));
        for (String name : List.of("plain", "frozen", "extended")) {
            long errors = byName.get(name).stream().mapToLong(LoadDriver.Result::errors).sum();
            if (errors > 0) {
                out.append(name).append(": ").append(errors).append(" errors\n");
            }
        }
        System.out.print(out);
    }

    private static double medianDifference(List<LoadDriver.Result> with, List<LoadDriver.Result> without) {
        double[] differences = new double[with.size()];
        for (int i = 0; i < differences.length; i++) {
            differences[i] = with.get(i).p50Micros() - without.get(i).p50Micros();
        }
        java.util.Arrays.sort(differences);
        return differences[differences.length / 2];
    }

    private static double median(List<LoadDriver.Result> results) {
        double[] p50 = results.stream().mapToDouble(LoadDriver.Result::p50Micros).sorted().toArray();
        return p50[p50.length / 2];
    }
}
