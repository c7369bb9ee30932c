package dev.overtime.bench;

import dev.overtime.platform.async.EventState;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.TemplateContext;
import dev.overtime.platform.template.TemplateLoader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Asynchronous invocation: how fast Event invokes are accepted (a 202 only once the event is on disk)
 * and how fast a trivial function drains its queue, beside the store's raw SQLite insert rate and the
 * same function's synchronous invoke rate, all in one run on one machine.
 *
 * <p>Run: {@code ./overtime bench-async} or {@code java -cp bench/target/overtime-bench.jar
 * dev.overtime.bench.AsyncBenchmark [seconds] [events] [warm-up seconds] [acceptance] [--no-freeze] [--quiet]};
 * {@code acceptance} runs only the 1-row commit baseline and the acceptance phase. The platforms run
 * with serve's defaults unless serve's flags say otherwise ({@link ServeConfiguration}).
 */
public final class AsyncBenchmark {

    /** A small JSON event of about 100 bytes, for the platform and the baseline alike. */
    static final byte[] EVENT = ("{\"orderId\":\"ord-000123456\",\"customer\":\"c-4711\",\"items\":"
            + "[{\"sku\":\"sku-42\",\"qty\":2}],\"total\":19.99,\"note\":\"async\"}").getBytes(StandardCharsets.UTF_8);
    static final String EVENT_HEADER = "X-Amz-Invocation-Type: Event\r\n";
    static final int CALLERS = 16;

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args,
                "bench-async [seconds] [events] [warm-up seconds] [acceptance] " + ServeConfiguration.USAGE,
                ServeConfiguration.FLAGS);
        ServeConfiguration serve = ServeConfiguration.of(arguments);
        double seconds = arguments.number(0, 10);
        int events = arguments.count(1, 20_000);
        // Long enough for C2 to finish: on 2 busy cores, the platform's hot path is still being
        // compiled 10 s in, and a shorter warm-up measures the compiler as much as the platform.
        double warmup = arguments.number(2, 15);
        Path root = Path.of(System.getProperty("overtime.root", ".")).toAbsolutePath().normalize();
        Path examples = root.resolve("examples/template.yaml");
        LoadedTemplate template = TemplateLoader.load(examples, Map.of(), TemplateContext.defaultsFor(examples));
        FunctionDefinition echo = template.functions().stream().filter(f -> f.name().equals("echo-java")).findFirst()
                .orElseThrow(() -> new IllegalStateException("echo-java is missing from examples/template.yaml"));
        // One environment: delivery runs beside acceptance but takes as little of the machine as it can.
        FunctionDefinition accepting = copy(echo, "accept-echo", Map.of(), 1);
        // As Lambda Managed Instances run it: 2 environments with 8 workers each, 16 events at once.
        FunctionDefinition draining = copy(echo, "drain-echo", Map.of("AWS_LAMBDA_MAX_CONCURRENCY", "8"), 2);
        String mode = arguments.word(3);
        boolean acceptanceOnly = "acceptance".equals(mode);
        if (mode != null && !acceptanceOnly) {
            arguments.refuse(mode);
        }
        Path work = Files.createTempDirectory("overtime-async-bench");
        try {
            if (acceptanceOnly) {
                // A quicker A/B loop: the durable 1-row commit as the baseline, then acceptance alone.
                StoreBaseline.Result raw = StoreBaseline.run("1 row per commit", work.resolve("raw-1"), EVENT, 1, 1,
                        seconds);
                Acceptance acceptance = acceptance(serve, work.resolve("accept"), accepting, seconds, warmup);
                System.out.printf(Locale.ROOT, "%nConfiguration: %s.%nraw 1-row commit: %.0f/s (p50 %.1f µs); "
                                + "accepted: %.0f/s (p50 %.1f µs, p99 %.1f µs) = %.2fx; 202s %d, committed %d%n",
                        serve.describe(), raw.perSecond(), raw.commitP50Micros(), acceptance.run().perSecond(),
                        acceptance.run().p50Micros(),
                        acceptance.run().p99Micros(), acceptance.run().perSecond() / raw.perSecond(),
                        acceptance.answered202(), acceptance.stored());
                return;
            }
            System.out.println("store baseline (" + seconds + " s each)...");
            List<StoreBaseline.Result> store = new ArrayList<>();
            store.add(StoreBaseline.run("1 row per commit", work.resolve("raw-1"), EVENT, 1, 1, seconds));
            store.add(StoreBaseline.run("1 row per commit", work.resolve("raw-16"), EVENT, CALLERS, 1, seconds));
            store.add(StoreBaseline.run("16 rows per commit", work.resolve("raw-group"), EVENT, 1, CALLERS, seconds));
            store.add(StoreBaseline.run("1000 rows per commit", work.resolve("raw-batch"), EVENT, 1, 1000, seconds));
            StoreBaseline.append("warmup", work.resolve("append-warmup"), EVENT, CALLERS, warmup);
            LoadDriver.Result append = StoreBaseline.append("EventStore.append, no HTTP (group commit)",
                    work.resolve("append"), EVENT, CALLERS, seconds);

            Acceptance acceptance = acceptance(serve, work.resolve("accept"), accepting, seconds, warmup);
            Drain drained = drain(serve, work.resolve("drain"), draining, seconds, warmup, events);
            report(serve, store, append, acceptance, drained, seconds, warmup);
        } finally {
            WorkFolders.deleteQuietly(work);
        }
    }

    /** The accepted Event invokes, and how many events the store holds for the 202s it answered. */
    private record Acceptance(LoadDriver.Result run, long answered202, long stored, Map<EventState, Long> left) {
    }

    private static Acceptance acceptance(ServeConfiguration serve, Path data, FunctionDefinition function,
                                         double seconds, double warmup) throws Exception {
        try (Platform platform = start(serve, data, function)) {
            LoadDriver.Target event = () -> new KeepAliveClient(platform.port(), "POST",
                    "/2015-03-31/functions/" + function.name() + "/invocations", EVENT_HEADER, EVENT.length);
            System.out.println("acceptance: warming up (" + warmup + " s)...");
            LoadDriver.Result warm = LoadDriver.run("warmup", event, EVENT, CALLERS, warmup, 202);
            LoadDriver.Result run = LoadDriver.run("Event invoke accepted (202), " + function.name()
                    + " (reserved concurrency 1)", event, EVENT, CALLERS, seconds, 202);
            long answered = warm.requests() - warm.errors() + run.requests() - run.errors();
            return new Acceptance(run, answered, storedEver(data), platform.async().counts(function.name()).join());
        }
    }

    /**
     * Every event the store ever committed, delivered ones included: AUTOINCREMENT keeps the highest
     * sequence number in {@code sqlite_sequence}. Read through a separate connection, so it counts only
     * what was committed.
     */
    private static long storedEver(Path data) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("async/events.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq FROM sqlite_sequence WHERE name = 'events'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** {@code events} Event invokes, timed from the first 202 to an empty queue. */
    private record Drained(int events, long accepted, long errors, double enqueueSeconds, double drainSeconds,
                           long dead) {
        double perSecond() {
            return accepted / drainSeconds;
        }
    }

    /** The synchronous baseline and the drain, on the same function. */
    private record Drain(LoadDriver.Result sync, Drained run) {
    }

    private static Drain drain(ServeConfiguration serve, Path data, FunctionDefinition function, double seconds,
                               double warmup, int events) throws Exception {
        try (Platform platform = start(serve, data, function)) {
            String path = "/2015-03-31/functions/" + function.name() + "/invocations";
            LoadDriver.Target sync = () -> new KeepAliveClient(platform.port(), "POST", path, "", EVENT.length);
            System.out.println("drain: warming up (" + warmup + " s)...");
            LoadDriver.run("warmup", sync, EVENT, CALLERS, warmup);
            LoadDriver.Result direct = LoadDriver.run("sync RequestResponse invoke, " + function.name()
                    + " (2 environments x 8 workers)", sync, EVENT, CALLERS, seconds);
            drainOnce(platform, data, function.name(), Math.max(CALLERS, events / 10));
            System.out.printf("  drain of %d events, %d callers%n", events, CALLERS);
            return new Drain(direct, drainOnce(platform, data, function.name(), events));
        }
    }

    private static Drained drainOnce(Platform platform, Path data, String function, int events) throws Exception {
        long begun = System.nanoTime();
        Enqueued sent = enqueue(List.of(platform.port()), "/2015-03-31/functions/" + function + "/invocations", events);
        AtomicLong first = sent.first();
        LongAdder accepted = sent.accepted();
        LongAdder errors = sent.errors();
        long enqueued = System.nanoTime();
        Map<EventState, Long> counts;
        // Polled through a connection of its own, which in WAL mode never waits for the writer: counts()
        // scans the whole backlog on the store's one writer thread, and would delay its commits.
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("async/events.db"));
             PreparedStatement pending = reader.prepareStatement("SELECT EXISTS (SELECT 1 FROM events "
                     + "WHERE target = ? AND state IN ('QUEUED','IN_FLIGHT','RETRYING'))")) {
            pending.setString(1, function);
            while (true) {
                while (exists(pending)) {
                    Thread.sleep(50);
                }
                counts = platform.async().counts(function).join();
                if (counts.get(EventState.QUEUED) + counts.get(EventState.IN_FLIGHT)
                        + counts.get(EventState.RETRYING) == 0) {
                    break;
                }
            }
        }
        long done = System.nanoTime();
        long from = first.get() == 0 ? begun : first.get();
        return new Drained(events, accepted.sum(), errors.sum(), (enqueued - from) / 1e9, (done - from) / 1e9,
                counts.get(EventState.DEAD));
    }

    /** What {@link #enqueue} sent: the time of the first 202 (0 if none), 202s and other answers. */
    record Enqueued(AtomicLong first, LongAdder accepted, LongAdder errors) {
    }

    /**
     * Sends {@code events} Event invokes to {@code path} from {@value #CALLERS} threads, each with a
     * keep-alive connection to one of {@code ports} in turn, and returns once all are answered.
     */
    static Enqueued enqueue(List<Integer> ports, String path, int events) throws Exception {
        Enqueued sent = new Enqueued(new AtomicLong(), new LongAdder(), new LongAdder());
        List<KeepAliveClient> clients = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            clients.add(new KeepAliveClient(ports.get(i % ports.size()), "POST", path, EVENT_HEADER, EVENT.length));
        }
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            KeepAliveClient client = clients.get(i);
            int share = events / CALLERS + (i < events % CALLERS ? 1 : 0);
            callers.add(Thread.ofPlatform().name("enqueue-" + i).start(() -> {
                try (client) {
                    for (int n = 0; n < share; n++) {
                        if (client.exchange(EVENT) == 202) {
                            sent.first().compareAndSet(0, System.nanoTime());
                            sent.accepted().increment();
                        } else {
                            sent.errors().increment();
                        }
                    }
                } catch (IOException e) {
                    sent.errors().increment();
                }
            }));
        }
        for (Thread t : callers) {
            t.join();
        }
        return sent;
    }

    private static boolean exists(PreparedStatement query) throws Exception {
        try (ResultSet rs = query.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static Platform start(ServeConfiguration serve, Path data, FunctionDefinition function) throws Exception {
        return Platform.start(serve.config(data), List.of(function));
    }

    static FunctionDefinition copy(FunctionDefinition f, String name, Map<String, String> environment,
                                           int reservedConcurrency) {
        return new FunctionDefinition(name, name, f.runtime(), f.handler(), f.code(), f.timeout(), f.memorySizeMb(),
                environment, reservedConcurrency, f.description());
    }

    private static void report(ServeConfiguration serve, List<StoreBaseline.Result> store, LoadDriver.Result append, Acceptance a,
                               Drain drain, double seconds, double warmup) {
        Drained d = drain.run();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n## Asynchronous invocation benchmark, %s, %d cores, %s %s, "
                        + "%.0f s per phase after %.0f s of warm-up, %d-byte event%n%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), seconds, warmup, EVENT.length));
        out.append("Configuration: ").append(serve.describe()).append(".\n\n");
        out.append("Baseline: plain JDBC inserts into a fresh SQLite file (WAL, synchronous=FULL, the store's "
                + "events table), one connection per thread.\n\n");
        out.append("| store baseline | threads | rows per commit | rows/s | commit p50 µs | commit p99 µs | errors |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (StoreBaseline.Result r : store) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.1f | %.1f | %d |%n", r.label(),
                    r.threads(), r.rowsPerCommit(), r.perSecond(), r.commitP50Micros(), r.commitP99Micros(),
                    r.errors()));
        }
        LoadDriver.Result acc = a.run();
        LoadDriver.Result sync = drain.sync();
        out.append("\n| platform | callers | per second | p50 µs | p99 µs | errors |\n|---|---|---|---|---|---|\n");
        for (LoadDriver.Result r : List.of(append, acc, sync)) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.1f | %.1f | %d |%n", r.label(), r.callers(),
                    r.perSecond(), r.p50Micros(), r.p99Micros(), r.errors()));
        }
        out.append(String.format(Locale.ROOT, "| drain: %d Event invokes, first 202 to an empty queue | %d | %.0f "
                + "| - | - | %d |%n", d.events(), CALLERS, d.perSecond(), d.errors()));

        double accepted = acc.perSecond();
        out.append(String.format(Locale.ROOT, "%nAcceptance: %.0f accepted events/s (target >= 10000/s) = %.2fx "
                        + "the raw 1-row commits from 1 thread, %.2fx those from 16 threads, %.2f of 16-row commits "
                        + "and %.2f of 1000-row commits (the store's ceiling); %.2f of EventStore.append without "
                        + "HTTP.%n", accepted,
                accepted / store.get(0).perSecond(), accepted / store.get(1).perSecond(),
                accepted / store.get(2).perSecond(), accepted / store.get(3).perSecond(),
                accepted / append.perSecond()));
        long left = a.left().values().stream().mapToLong(Long::longValue).sum();
        out.append(String.format(Locale.ROOT, "Durability: %d 202s answered (warm-up included); the store committed "
                        + "%d events (%s); %d were delivered meanwhile by the one environment; left in the store: "
                        + "%s.%n", a.answered202(), a.stored(),
                a.stored() >= a.answered202() ? "every 202 is on disk" : "FEWER THAN THE 202s", a.stored() - left,
                a.left()));
        out.append(String.format(Locale.ROOT, "Drain: %d events in %.2f s = %.0f events/s = %.2f of the synchronous "
                        + "rate at the same concurrency; enqueueing took %.2f s (%.0f accepted/s meanwhile); "
                        + "%d accepted, %d dead.%n", d.events(), d.drainSeconds(), d.perSecond(),
                d.perSecond() / sync.perSecond(), d.enqueueSeconds(), d.accepted() / d.enqueueSeconds(),
                d.accepted(), d.dead()));
        System.out.print(out);
    }
}
