package dev.overtime.bench;

import dev.overtime.platform.async.store.EventStoreChoice;
import dev.overtime.platform.async.store.postgres.PostgresLocation;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.TemplateContext;
import dev.overtime.platform.template.TemplateLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The shared PostgreSQL store against the embedded SQLite one, in one run on one machine: durable Event
 * acceptance (a 202 only after the commit) through each, then how fast one node, and two nodes sharing
 * the database, drain a backlog. PostgreSQL is the OS's package, started fresh for the run with its
 * default durability; the nodes are platforms in this JVM, so two nodes share the same cores one does.
 *
 * <p>Run: {@code ./overtime bench-pg [seconds] [events] [warm-up seconds]} (defaults 10, 10000, 10).
 */
public final class PostgresBenchmark {

    private static final int CALLERS = AsyncBenchmark.CALLERS;
    private static final Duration LEASE = Duration.ofSeconds(30);

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args, "bench-pg [seconds] [events] [warm-up seconds]");
        double seconds = arguments.number(0, 10);
        int events = arguments.count(1, 10_000);
        double warmup = arguments.number(2, 10);
        Path root = Path.of(System.getProperty("overtime.root", ".")).toAbsolutePath().normalize();
        Path examples = root.resolve("examples/template.yaml");
        LoadedTemplate template = TemplateLoader.load(examples, Map.of(), TemplateContext.defaultsFor(examples));
        FunctionDefinition echo = template.functions().stream().filter(f -> f.name().equals("echo-java")).findFirst()
                .orElseThrow(() -> new IllegalStateException("echo-java is missing from examples/template.yaml"));
        FunctionDefinition accepting = AsyncBenchmark.copy(echo, "accept-echo", Map.of(), 1);
        FunctionDefinition draining = AsyncBenchmark.copy(echo, "drain-echo", Map.of("AWS_LAMBDA_MAX_CONCURRENCY", "8"), 2);
        Path work = Files.createTempDirectory("overtime-pg-bench");
        try (TemporaryPostgres postgres = TemporaryPostgres.start()) {
            PlatformConfig sqlite = ServeConfiguration.DEFAULTS.config(work.resolve("sqlite"));
            LoadDriver.Result sqliteAccepted = accept("SQLite (embedded)", sqlite, accepting, seconds, warmup, null);
            PostgresCpu cpu = new PostgresCpu(postgres);
            LoadDriver.Result pgAccepted = accept("PostgreSQL", onPostgres(work.resolve("pg"),
                    postgres.newDatabase("accept")), accepting, seconds, warmup, cpu);
            double acceptMicros = cpu.microsPer(pgAccepted.requests());
            double oneNode = drain(postgres, "drain_one", work, 1, draining, events, warmup, cpu);
            double lifeMicros = cpu.microsPer(events);
            double twoNodes = drain(postgres, "drain_two", work, 2, draining, events, warmup, cpu);
            report(sqliteAccepted, pgAccepted, oneNode, twoNodes, events, seconds, warmup, acceptMicros, lifeMicros);
        } finally {
            WorkFolders.deleteQuietly(work);
        }
    }

    private static PlatformConfig onPostgres(Path data, String url) {
        return ServeConfiguration.DEFAULTS.config(data)
                .withStore(EventStoreChoice.postgres(PostgresLocation.parse(url), LEASE));
    }

    /** The server's CPU time over one measured phase. */
    private static final class PostgresCpu {
        private final TemporaryPostgres server;
        private long from;
        private long used;

        PostgresCpu(TemporaryPostgres server) {
            this.server = server;
        }

        void start() throws IOException {
            from = server.cpuNanos();
        }

        void stop() throws IOException {
            used = server.cpuNanos() - from;
        }

        double microsPer(long events) {
            return used / 1e3 / events;
        }
    }

    private static LoadDriver.Result accept(String store, PlatformConfig config, FunctionDefinition function,
                                            double seconds, double warmup, PostgresCpu cpu) throws Exception {
        try (Platform platform = Platform.start(config, List.of(function))) {
            LoadDriver.Target event = () -> new KeepAliveClient(platform.port(), "POST",
                    "/2015-03-31/functions/" + function.name() + "/invocations", AsyncBenchmark.EVENT_HEADER,
                    AsyncBenchmark.EVENT.length);
            System.out.println(store + " acceptance: warming up (" + warmup + " s)...");
            LoadDriver.run("warmup", event, AsyncBenchmark.EVENT, CALLERS, warmup, 202);
            if (cpu != null) {
                cpu.start();
            }
            LoadDriver.Result run = LoadDriver.run("Event invoke accepted (202), " + store, event,
                    AsyncBenchmark.EVENT, CALLERS, seconds, 202);
            if (cpu != null) {
                cpu.stop();
            }
            return run;
        }
    }

    /** Events per second from the first 202 to an empty queue, with {@code nodes} nodes sharing the database. */
    private static double drain(TemporaryPostgres postgres, String database, Path work, int nodes,
                                FunctionDefinition function, int events, double warmup, PostgresCpu cpu)
            throws Exception {
        String url = postgres.newDatabase(database);
        List<Platform> platforms = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                platforms.add(Platform.start(onPostgres(work.resolve(database + "-" + i), url), List.of(function)));
            }
            String path = "/2015-03-31/functions/" + function.name() + "/invocations";
            for (Platform p : platforms) {
                System.out.println("drain with " + nodes + " node(s): warming up a node (" + warmup / nodes + " s)...");
                LoadDriver.run("warmup", () -> new KeepAliveClient(p.port(), "POST", path, "",
                        AsyncBenchmark.EVENT.length), AsyncBenchmark.EVENT, CALLERS, warmup / nodes);
            }
            cpu.start();
            AsyncBenchmark.Enqueued sent = AsyncBenchmark.enqueue(platforms.stream().map(Platform::port).toList(),
                    path, events);
            AtomicLong first = sent.first();
            LongAdder refused = sent.errors();
            try (Connection c = postgres.connect(database); Statement s = c.createStatement()) {
                while (pending(s)) {
                    Thread.sleep(20);
                }
            }
            double took = (System.nanoTime() - first.get()) / 1e9;
            cpu.stop();
            System.out.printf(Locale.ROOT, "  %d node(s): %d events drained in %.2f s, %d refused%n", nodes, events,
                    took, refused.sum());
            return (events - refused.sum()) / took;
        } finally {
            platforms.forEach(Platform::close);
        }
    }

    private static boolean pending(Statement s) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM events WHERE state <> 'DEAD')")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static void report(LoadDriver.Result sqlite, LoadDriver.Result pg, double oneNode, double twoNodes,
                               int events, double seconds, double warmup, double acceptMicros,
                               double lifeMicros) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n## Shared PostgreSQL store benchmark, %s, %d cores, %s %s, "
                        + "%.0f s per acceptance phase after %.0f s of warm-up, %d callers%n%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), seconds, warmup, CALLERS));
        out.append("| phase | per second | p50 µs | p99 µs | errors |\n|---|---|---|---|---|\n");
        for (LoadDriver.Result r : List.of(sqlite, pg)) {
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %d |%n", r.label(), r.perSecond(),
                    r.p50Micros(), r.p99Micros(), r.errors()));
        }
        out.append(String.format(Locale.ROOT, "| drain of %d events, 1 node (2 environments x 8 workers) | %.0f | - | - | - |%n",
                events, oneNode));
        out.append(String.format(Locale.ROOT, "| drain of %d events, 2 nodes on one database | %.0f | - | - | - |%n",
                events, twoNodes));
        out.append(String.format(Locale.ROOT, "%nPostgreSQL acceptance = %.2fx SQLite's (target >= 5000/s: %s); "
                        + "2 nodes drain at %.2fx 1 node's rate.%n", pg.perSecond() / sqlite.perSecond(),
                pg.perSecond() >= 5000 ? "met" : "missed", twoNodes / oneNode));
        out.append(String.format(Locale.ROOT, "PostgreSQL CPU (all its processes): %.1f µs per accepted event; "
                        + "%.1f µs per event over its whole life on 1 node (accept, claim, delete) = %.0f events/s "
                        + "per PostgreSQL core.%n", acceptMicros, lifeMicros, 1e6 / lifeMicros));
        System.out.print(out);
    }
}
