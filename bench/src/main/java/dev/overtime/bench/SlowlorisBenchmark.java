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
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a slowloris attack on the main port slows a normal invoke. One platform with serve's
 * defaults serves {@code echo-java}; each round measures one caller's warm invokes (closed loop,
 * keep-alive) for the same time without and then with {@link SlowlorisHold}'s 500 connections held
 * open on the same port, which the head deadline keeps closing and the attack keeps reopening.
 * The figure is the p99 with the hold over the p99 without it, median over the rounds (target <= 2x).
 *
 * <p>Run: {@code ./overtime bench-slowloris [seconds per phase] [rounds] [connections] [warm-up seconds]}.
 */
public final class SlowlorisBenchmark {

    private static final byte[] EVENT = "{\"hello\":\"overtime\",\"n\":12345}".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args,
                "bench-slowloris [seconds] [rounds] [connections] [warm-up seconds]");
        double seconds = arguments.number(0, 10);
        int rounds = arguments.count(1, 3);
        int connections = arguments.count(2, 500);
        double warmup = arguments.number(3, 10);
        Path root = Path.of(System.getProperty("overtime.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("overtime-bench-slowloris");
        Path examples = root.resolve("examples/template.yaml");
        LoadedTemplate template = TemplateLoader.load(examples, Map.of(), TemplateContext.defaultsFor(examples));
        FunctionDefinition echo = InvokeBenchmark.find(template, "echo-java");
        ServeConfiguration serve = ServeConfiguration.DEFAULTS;

        List<LoadDriver.Result[]> measured = new ArrayList<>();
        long reopened = 0;
        try (Platform platform = Platform.start(serve.config(data), List.of(echo))) {
            LoadDriver.Target invoke = () -> new KeepAliveClient(platform.port(), "POST",
                    "/2015-03-31/functions/echo-java/invocations", "", EVENT.length);
            LoadDriver.run("warmup", invoke, EVENT, 1, warmup);
            for (int round = 0; round < rounds; round++) {
                LoadDriver.Result quiet = LoadDriver.run("warm sync invoke, no hold", invoke, EVENT, 1, seconds);
                LoadDriver.Result held;
                try (SlowlorisHold hold = new SlowlorisHold(platform.port(), connections)) {
                    held = LoadDriver.run("warm sync invoke, " + connections + " slowloris connections held",
                            invoke, EVENT, 1, seconds);
                    reopened += hold.reopened();
                }
                measured.add(new LoadDriver.Result[] {quiet, held});
            }
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n## Slowloris benchmark, %s, %d cores, %s %s, %.0f s per phase, %d rounds, %d connections held%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), seconds, rounds, connections));
        out.append("Configuration: ").append(serve.describe()).append(".\n\n")
                .append("| round | run | requests/s | p50 µs | p99 µs | max µs | errors |\n|---|---|---|---|---|---|---|\n");
        double[] ratios = new double[measured.size()];
        for (int i = 0; i < measured.size(); i++) {
            for (LoadDriver.Result x : measured.get(i)) {
                out.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.1f | %.1f | %.0f | %d |%n", i + 1,
                        x.label(), x.perSecond(), x.p50Micros(), x.p99Micros(), x.maxMicros(), x.errors()));
            }
            ratios[i] = measured.get(i)[1].p99Micros() / measured.get(i)[0].p99Micros();
        }
        java.util.Arrays.sort(ratios);
        out.append(String.format(Locale.ROOT, "%nInvoke p99 with the hold / without it: median %.2fx over %d rounds "
                        + "(target <= 2x); the attack reopened %d connections the head deadline closed.%n",
                InvokeBenchmark.median(ratios), ratios.length, reopened));
        System.out.print(out);
    }
}
