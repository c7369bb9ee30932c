package dev.overtime.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.appsync.AuthMode;
import dev.overtime.platform.appsync.DataSource;
import dev.overtime.platform.appsync.GraphQlApiDefinition;
import dev.overtime.platform.appsync.GraphQlApiKey;
import dev.overtime.platform.appsync.ResolverCode;
import dev.overtime.platform.appsync.ResolverDefinition;
import dev.overtime.platform.appsync.ServedGraphQlApi;
import dev.overtime.platform.server.Platform;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Issue 18's benchmark: GraphQL subscriptions in AppSync's shape, against a bare push over the same
 * server stack, in one run. One platform with serve's defaults serving one API (the chunk schema,
 * a {@code NONE} data source and a VTL publish resolver, as a GenAI answer is streamed), and a
 * {@link PushBaselineServer} beside it. Each round measures, in an order that alternates:
 * <ul>
 *   <li><b>publish-to-subscriber latency</b>: one subscriber on AppSync's real-time WebSocket, one publisher
 *       sending the publish mutation over a keep-alive HTTP connection, one at a time; a sample is the time
 *       from writing the request to reading the data frame, both on the benchmark's clock. The baseline:
 *       the same request body POSTed to the bare server, which pushes it as a text frame to one WebSocket
 *       subscriber.</li>
 *   <li><b>fan-out</b>: 100 WebSocket connections subscribed to one conversation, a few publishers in
 *       parallel held back so that no subscriber falls more than a window of publishes behind; deliveries/s
 *       counted across all subscribers, with the CPU the JVM used and where (the subscribers' reader thread,
 *       the publishers, the rest: the server). The same against the bare server.</li>
 * </ul>
 * Both clients are the benchmarks' own ({@link KeepAliveClient}, {@link RawWebSocket}): the 100 subscribers
 * are read by one thread on one selector.
 *
 * <p>Run: {@code ./overtime bench-graphql [seconds per target] [rounds] [warm-up seconds per target]} (defaults
 * 5, 8, 10); {@code -Dovertime.bench.graphql.publishers=N}, {@code .window=N} and {@code .client=jdk} in
 * {@code OVERTIME_JAVA_OPTS} change the fan-out's publishers, its window, and its subscribers' client.
 */
public final class GraphQlBenchmark {

    static final String KEY = "da2-benchgraphqlkey0000000000";
    static final String SCHEMA = """
            type Chunk { conversationId: ID! seq: Int! text: String! done: Boolean! }
            type Mutation {
              publishChunk(conversationId: ID!, seq: Int!, text: String!, done: Boolean!): Chunk
            }
            type Query { ping: String }
            type Subscription {
              onChunk(conversationId: ID!): Chunk @aws_subscribe(mutations: ["publishChunk"])
            }
            """;
    static final String PUBLISH = "mutation P($c: ID!, $s: Int!, $t: String!, $d: Boolean!) "
            + "{ publishChunk(conversationId: $c, seq: $s, text: $t, done: $d) { conversationId seq text done } }";
    static final String SUBSCRIBE = "subscription S($c: ID!) { onChunk(conversationId: $c) "
            + "{ conversationId seq text done } }";
    /** Tokens of 5 to 20 characters, as an LLM streams them; chunk {@code n} carries token {@code n % 16}. */
    static final String[] TOKENS = {"Hello", " there, I", " can help", " with that.", " The answer", " depends on",
            " how the data", " is distributed", " across nodes;", " in short,", " consistent hashing",
            " keeps moves small", " when a node", " joins or leaves.", " Let me show", " an example:"};
    static final int SUBSCRIBERS = 100;
    static final int PUBLISHERS = Integer.getInteger("overtime.bench.graphql.publishers", 4);
    /** How many publishes the slowest subscriber may lag behind before publishers wait. */
    static final int WINDOW = Integer.getInteger("overtime.bench.graphql.window", 64);
    /** {@code -Dovertime.bench.graphql.client=jdk}: the fan-out's subscribers on the JDK's WebSocket, to compare. */
    static final boolean JDK_CLIENT = "jdk".equals(System.getProperty("overtime.bench.graphql.client"));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One side of the comparison: where publishes go and where subscribers connect. */
    record Side(String name, int port, String publishPath, String publishHeaders, String socketPath,
                String[] subprotocols, boolean appSync) {
    }

    record FanOut(String label, double deliveriesPerSecond, double publishesPerSecond, double seconds,
                  double jvmCores, double readerCores, double publisherCores, long errors) {
        double serverCores() {
            return jvmCores - readerCores - publisherCores;
        }
    }

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args, "bench-graphql [seconds] [rounds] [warm-up seconds]");
        double seconds = arguments.number(0, 5);
        int rounds = arguments.count(1, 8);
        double warmup = arguments.number(2, 10);
        Path work = Files.createTempDirectory("overtime-graphql-bench");
        try (Platform platform = Platform.start(ServeConfiguration.DEFAULTS.config(work.resolve("data")), List.of(),
                List.of(), Map.of(), Map.of(), List.of(), List.of(definition()));
             PushBaselineServer bare = new PushBaselineServer()) {
            ServedGraphQlApi api = platform.graphQlApis().iterator().next();
            URI url = URI.create(api.graphQlUrl());
            String auth = "header-" + Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(
                    Map.of("host", url.getHost() + ":" + url.getPort(), "x-api-key", KEY)));
            Side overtime = new Side("Overtime", url.getPort(), "/graphql", "x-api-key: " + KEY + "\r\n",
                    "/graphql/realtime", new String[]{"graphql-ws", auth}, true);
            Side baseline = new Side("bare push", bare.port(), "/publish", "", "/subscribe", new String[0], false);
            List<Side> sides = List.of(overtime, baseline);
            System.out.printf("warming up (%.0f s per target)...%n", warmup);
            for (Side side : sides) {
                latency(side, bare, "warmup", warmup);
                fanOut(side, bare, "warmup", warmup);
            }
            Map<String, List<LoadDriver.Result>> latencies = new LinkedHashMap<>();
            Map<String, List<FanOut>> fanOuts = new LinkedHashMap<>();
            sides.forEach(s -> {
                latencies.put(s.name(), new ArrayList<>());
                fanOuts.put(s.name(), new ArrayList<>());
            });
            for (int round = 0; round < rounds; round++) {
                List<Side> order = round % 2 == 0 ? sides : sides.reversed();
                for (Side side : order) {
                    latencies.get(side.name()).add(latency(side, bare, "round " + (round + 1), seconds));
                }
                for (Side side : order) {
                    fanOuts.get(side.name()).add(fanOut(side, bare, "round " + (round + 1), seconds));
                }
            }
            System.out.print(report(latencies, fanOuts, seconds, warmup));
        } finally {
            WorkFolders.deleteQuietly(work);
        }
    }

    /** The chunk API: a NONE data source whose VTL resolver publishes the arguments as they came. */
    static GraphQlApiDefinition definition() {
        return new GraphQlApiDefinition("ChatApi", "benchgraphqlapi00000000000", "chat", List.of(AuthMode.API_KEY),
                List.of(new GraphQlApiKey("ChatKey", KEY, "", 0)), SCHEMA, List.of(new DataSource.None("local")),
                List.of(new ResolverDefinition("Mutation", "publishChunk", "local", List.of(),
                        new ResolverCode.Vtl("{\"version\":\"2018-05-29\",\"payload\":$util.toJson($ctx.args)}",
                                "$util.toJson($ctx.result)"), 0)),
                List.of());
    }

    /** The publish mutation's body for chunk {@code seq} of {@code conversation}. */
    static byte[] publishBody(String conversation, long seq, boolean done) {
        return ("{\"query\":\"" + PUBLISH + "\",\"variables\":{\"c\":\"" + conversation + "\",\"s\":" + seq
                + ",\"t\":\"" + TOKENS[(int) (seq % TOKENS.length)] + "\",\"d\":" + done + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A subscriber connected and, on Overtime, initialised and subscribed to {@code conversation}. */
    static RawWebSocket subscribe(Side side, String conversation, String id) throws IOException {
        RawWebSocket socket = RawWebSocket.connect(side.port(), side.socketPath(), side.subprotocols());
        if (side.appSync()) {
            socket.sendText("{\"type\":\"connection_init\"}");
            expect(socket, "connection_ack");
            String data = JSON.writeValueAsString(Map.of("query", SUBSCRIBE, "variables", Map.of("c", conversation)));
            socket.sendText(JSON.writeValueAsString(Map.of("id", id, "type", "start", "payload", Map.of("data", data,
                    "extensions", Map.of("authorization", Map.of("host", "127.0.0.1:" + side.port(),
                            "x-api-key", KEY))))));
            expect(socket, "start_ack");
        }
        return socket;
    }

    private static void expect(RawWebSocket socket, String type) throws IOException {
        String message;
        do {
            message = socket.awaitText(10_000);
        } while (message.equals("{\"type\":\"ka\"}"));
        if (!message.startsWith("{\"type\":\"" + type + "\"") && !message.contains("\"type\":\"" + type + "\"")) {
            throw new IOException("expected " + type + ", got " + message);
        }
    }

    /** Waits until the bare server has registered {@code count} subscribers (registration follows the 101). */
    private static void awaitBareSubscribers(PushBaselineServer bare, int count) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (bare.subscribers() != count) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the bare server has " + bare.subscribers() + " subscribers, not " + count);
            }
            Thread.sleep(1);
        }
    }

    /** Publishes one at a time and times each to its data frame at one subscriber. */
    static LoadDriver.Result latency(Side side, PushBaselineServer bare, String what, double seconds)
            throws Exception {
        String label = "latency " + side.name() + " " + what;
        String conversation = "latency-" + System.nanoTime();
        long[] samples = new long[4_000_000];
        int n = 0;
        long errors = 0;
        long slowest = 0;
        System.out.printf("  %s, 1 publisher, 1 subscriber, %.0f s%n", label, seconds);
        try (RawWebSocket subscriber = subscribe(side, conversation, "1");
             KeepAliveClient publisher = new KeepAliveClient(side.port(), "POST", side.publishPath(),
                     side.publishHeaders(), -1)) {
            if (!side.appSync()) {
                awaitBareSubscribers(bare, 1);
            }
            long started = System.nanoTime();
            long end = started + (long) (seconds * 1e9);
            for (long seq = 1; System.nanoTime() < end; seq++) {
                byte[] body = publishBody(conversation, seq, false);
                KeepAliveClient client = publisher;
                long sent = System.nanoTime();
                client.send(body);
                String frame;
                do {
                    frame = subscriber.awaitText(10_000);
                } while (side.appSync() && !frame.startsWith("{\"type\":\"data\""));
                long took = System.nanoTime() - sent;
                if (client.receive() != 200 || !frame.contains("\"seq\":" + seq + ",")
                        && !frame.contains("\"s\":" + seq + ",")) {
                    errors++;
                }
                if (n < samples.length) {
                    samples[n++] = took;
                }
                slowest = Math.max(slowest, took);
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            long[] sorted = Arrays.copyOf(samples, n);
            Arrays.sort(sorted);
            return new LoadDriver.Result(label, 1, n, elapsed, errors, sorted[n / 2] / 1e3,
                    sorted[(int) Math.min(n - 1, Math.floor(0.99 * n))] / 1e3, slowest / 1e3, 0, 0, 0);
        }
    }

    /** One subscriber of the fan-out: what it received, and whether the stream's numbers came in order. */
    private static final class Counted {
        final RawWebSocket socket;
        final boolean appSync;
        /** Written by the one thread that reads this subscriber's frames, read by the fan-out's reader thread. */
        volatile long delivered;
        long lastSeq = -1;
        long outOfOrder;

        Counted(RawWebSocket socket, boolean appSync) {
            this.socket = socket;
            this.appSync = appSync;
        }

        void text(String text) {
            if (!appSync) {
                delivered++;
                return;
            }
            if (!text.startsWith("{\"type\":\"data\"")) {
                return;
            }
            delivered++;
            // The stream's own number: {"type":"data",...,"extensions":{"seq":N}}}
            int at = text.lastIndexOf("\"seq\":");
            long seq = 0;
            for (int i = at + 6; i < text.length() && Character.isDigit(text.charAt(i)); i++) {
                seq = seq * 10 + text.charAt(i) - '0';
            }
            if (lastSeq >= 0 && seq != lastSeq + 1) {
                outOfOrder++;
            }
            lastSeq = seq;
        }
    }

    /**
     * 100 subscribers of one conversation, {@link #PUBLISHERS} publishers as fast as the slowest subscriber
     * keeps up (at most {@link #WINDOW} publishes ahead of it); deliveries counted over {@code seconds}.
     */
    static FanOut fanOut(Side side, PushBaselineServer bare, String what, double seconds) throws Exception {
        String label = "fan-out " + side.name() + " " + what;
        String conversation = "fanout-" + System.nanoTime();
        System.out.printf("  %s, %d publishers, %d subscribers, %.0f s%n", label, PUBLISHERS, SUBSCRIBERS, seconds);
        List<Counted> subscribers = new ArrayList<>();
        Selector selector = Selector.open();
        JdkSubscribers jdk = JDK_CLIENT ? new JdkSubscribers() : null;
        List<java.net.http.WebSocket> jdkSockets = new ArrayList<>();
        try {
            for (int i = 0; i < SUBSCRIBERS; i++) {
                Counted counted;
                if (jdk != null) {
                    counted = new Counted(null, side.appSync());
                    jdkSockets.add(jdk.subscribe(side, conversation, "s" + i, counted::text));
                } else {
                    counted = new Counted(subscribe(side, conversation, "s" + i), side.appSync());
                    counted.socket.channel().register(selector, SelectionKey.OP_READ, counted);
                }
                subscribers.add(counted);
            }
            if (!side.appSync()) {
                awaitBareSubscribers(bare, SUBSCRIBERS);
            }
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicBoolean reading = new AtomicBoolean(true);
            AtomicLong issued = new AtomicLong();
            LongAdder published = new LongAdder();
            LongAdder errors = new LongAdder();
            long[] minDelivered = new long[1];
            long[] totalDelivered = new long[1];
            Object gate = new Object();
            Thread reader = Thread.ofPlatform().name("fan-out-reader").start(() -> {
                try {
                    while (reading.get()) {
                        if (jdk != null) {
                            // The JDK client's own threads read; this one only tells the publishers how far they are.
                            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                        } else if (selector.select(50) == 0) {
                            continue;
                        }
                        for (SelectionKey key : selector.selectedKeys()) {
                            Counted counted = (Counted) key.attachment();
                            if (counted.socket.readAvailable(counted::text) < 0) {
                                key.cancel();
                                errors.increment();
                            }
                        }
                        selector.selectedKeys().clear();
                        long min = Long.MAX_VALUE;
                        long total = 0;
                        for (Counted c : subscribers) {
                            min = Math.min(min, c.delivered);
                            total += c.delivered;
                        }
                        synchronized (gate) {
                            totalDelivered[0] = total;
                            if (min != minDelivered[0]) {
                                minDelivered[0] = min;
                                gate.notifyAll();
                            }
                        }
                    }
                } catch (IOException e) {
                    errors.increment();
                    System.out.println(label + ": subscriber failed: " + e);
                }
            });
            List<Thread> publishers = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                KeepAliveClient client = new KeepAliveClient(side.port(), "POST", side.publishPath(),
                        side.publishHeaders(), -1);
                publishers.add(Thread.ofPlatform().name("publisher-" + p).start(() -> {
                    try (client) {
                        while (running.get()) {
                            long k = issued.incrementAndGet();
                            synchronized (gate) {
                                while (k - minDelivered[0] > WINDOW && running.get()) {
                                    gate.wait(10);
                                }
                            }
                            if (!running.get()) {
                                break;
                            }
                            byte[] body = publishBody(conversation, k, false);
                            if (client.exchange(body) == 200) {
                                published.increment();
                            } else {
                                errors.increment();
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        errors.increment();
                        System.out.println(label + ": publisher failed: " + e);
                    }
                }));
            }
            Thread.sleep(500);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long readerCpu = threads.getThreadCpuTime(reader.threadId()) + (jdk == null ? 0 : jdk.cpuNanos());
            long publisherCpu = publishers.stream().mapToLong(t -> threads.getThreadCpuTime(t.threadId())).sum();
            CpuMeter.Sample cpu = CpuMeter.now();
            long deliveredAtStart;
            synchronized (gate) {
                deliveredAtStart = totalDelivered[0];
            }
            long publishedAtStart = published.sum();
            long started = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            long deliveredAtEnd;
            synchronized (gate) {
                deliveredAtEnd = totalDelivered[0];
            }
            long publishedAtEnd = published.sum();
            double elapsed = (System.nanoTime() - started) / 1e9;
            double jvm = (CpuMeter.now().jvmNanos() - cpu.jvmNanos()) / 1e9 / elapsed;
            double readerCores = (threads.getThreadCpuTime(reader.threadId()) + (jdk == null ? 0 : jdk.cpuNanos())
                    - readerCpu) / 1e9 / elapsed;
            double publisherCores = (publishers.stream().mapToLong(t -> threads.getThreadCpuTime(t.threadId())).sum()
                    - publisherCpu) / 1e9 / elapsed;
            running.set(false);
            synchronized (gate) {
                gate.notifyAll();
            }
            for (Thread t : publishers) {
                t.join();
            }
            // Every subscriber gets every publish: wait for the last ones, then count what is missing.
            long expected = published.sum();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline) {
                synchronized (gate) {
                    if (minDelivered[0] >= expected) {
                        break;
                    }
                }
                Thread.sleep(5);
            }
            reading.set(false);
            reader.join();
            long missing = 0;
            long outOfOrder = 0;
            for (Counted c : subscribers) {
                missing += Math.abs(expected - c.delivered);
                outOfOrder += c.outOfOrder;
            }
            if (missing > 0 || outOfOrder > 0) {
                System.out.printf("%s: %d deliveries missing or extra, %d out of order%n", label, missing, outOfOrder);
            }
            return new FanOut(label, (deliveredAtEnd - deliveredAtStart) / elapsed,
                    (publishedAtEnd - publishedAtStart) / elapsed, elapsed, jvm, readerCores, publisherCores,
                    errors.sum() + missing + outOfOrder);
        } finally {
            for (Counted c : subscribers) {
                if (c.socket != null) {
                    c.socket.close();
                }
            }
            jdkSockets.forEach(java.net.http.WebSocket::abort);
            if (jdk != null) {
                jdk.close();
            }
            selector.close();
        }
    }

    /**
     * For comparison only ({@code -Dovertime.bench.graphql.client=jdk}): the fan-out's subscribers on the JDK's
     * {@code java.net.http.WebSocket}, one {@code HttpClient} for all, its CPU (selector and executor threads)
     * reported as the subscribers' reader's.
     */
    private static final class JdkSubscribers implements AutoCloseable {
        private final List<Thread> executorThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newCachedThreadPool(
                task -> {
                    Thread t = new Thread(task, "jdk-websocket-client");
                    t.setDaemon(true);
                    executorThreads.add(t);
                    return t;
                });
        private final java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().executor(executor).build();

        java.net.http.WebSocket subscribe(Side side, String conversation, String id, RawWebSocket.TextFrames frames)
                throws Exception {
            java.util.concurrent.BlockingQueue<String> control = new java.util.concurrent.LinkedBlockingQueue<>();
            AtomicBoolean live = new AtomicBoolean();
            StringBuilder partial = new StringBuilder();
            java.net.http.WebSocket.Builder builder = client.newWebSocketBuilder();
            if (side.subprotocols().length > 0) {
                builder.subprotocols(side.subprotocols()[0], Arrays.copyOfRange(side.subprotocols(), 1,
                        side.subprotocols().length));
            }
            java.net.http.WebSocket socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + side.port()
                    + side.socketPath()), new java.net.http.WebSocket.Listener() {
                @Override
                public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data,
                                                                      boolean last) {
                    partial.append(data);
                    if (last) {
                        String text = partial.toString();
                        partial.setLength(0);
                        if (live.get()) {
                            frames.text(text);
                        } else {
                            control.add(text);
                        }
                    }
                    ws.request(1);
                    return null;
                }
            }).get(10, java.util.concurrent.TimeUnit.SECONDS);
            if (side.appSync()) {
                socket.sendText("{\"type\":\"connection_init\"}", true).get();
                await(control, "connection_ack");
                String data = JSON.writeValueAsString(Map.of("query", SUBSCRIBE, "variables",
                        Map.of("c", conversation)));
                socket.sendText(JSON.writeValueAsString(Map.of("id", id, "type", "start", "payload",
                        Map.of("data", data, "extensions", Map.of("authorization",
                                Map.of("host", "127.0.0.1:" + side.port(), "x-api-key", KEY))))), true).get();
                await(control, "start_ack");
            }
            live.set(true);
            return socket;
        }

        private static void await(java.util.concurrent.BlockingQueue<String> control, String type) throws Exception {
            while (true) {
                String message = control.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                if (message == null || message.contains("\"type\":\"" + type + "\"")) {
                    if (message == null) {
                        throw new IOException("no " + type + " within 10 s");
                    }
                    return;
                }
            }
        }

        /** CPU time of the client's executor threads and of the JDK's HttpClient threads (its selector). */
        long cpuNanos() {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long sum = executorThreads.stream().mapToLong(t -> Math.max(0, mx.getThreadCpuTime(t.threadId()))).sum();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("HttpClient-")) {
                    sum += Math.max(0, mx.getThreadCpuTime(t.threadId()));
                }
            }
            return sum;
        }

        @Override
        public void close() {
            client.shutdownNow();
            executor.shutdownNow();
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return InvokeBenchmark.median(sorted);
    }

    private static String report(Map<String, List<LoadDriver.Result>> latencies, Map<String, List<FanOut>> fanOuts,
                                 double seconds, double warmup) {
        List<LoadDriver.Result> overtime = latencies.get("Overtime");
        List<LoadDriver.Result> bare = latencies.get("bare push");
        List<FanOut> fanOvertime = fanOuts.get("Overtime");
        List<FanOut> fanBare = fanOuts.get("bare push");
        int rounds = overtime.size();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n## GraphQL subscriptions, %s, %d cores, %s %s, %d rounds of %.0f s per target after %.0f s of "
                        + "warm-up each%n%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), rounds, seconds, warmup));
        out.append("- Configuration: ").append(ServeConfiguration.DEFAULTS.describe()).append("; one API (NONE data "
                + "source, VTL publish resolver), AppSync real-time WebSocket; baseline: the same POST to a bare Jetty "
                + "server that pushes the body to its WebSocket subscribers. Rounds alternate the order.\n");
        double[] p99Ratios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            p99Ratios[i] = overtime.get(i).p99Micros() / bare.get(i).p99Micros();
        }
        out.append(PerRoundDifference.line("publish-to-subscriber p50, Overtime against the bare push (target ≤ 2x)",
                overtime, bare));
        out.append(String.format(Locale.ROOT, "- p50: Overtime %.1f µs, bare push %.1f µs; p99: Overtime %.1f µs, bare "
                        + "push %.1f µs (%.2fx) (medians of the rounds)%n",
                median(overtime.stream().mapToDouble(LoadDriver.Result::p50Micros).toArray()),
                median(bare.stream().mapToDouble(LoadDriver.Result::p50Micros).toArray()),
                median(overtime.stream().mapToDouble(LoadDriver.Result::p99Micros).toArray()),
                median(bare.stream().mapToDouble(LoadDriver.Result::p99Micros).toArray()), median(p99Ratios)));
        double[] fanRatios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            fanRatios[i] = fanOvertime.get(i).deliveriesPerSecond() / fanBare.get(i).deliveriesPerSecond();
        }
        double deliveries = median(fanOvertime.stream().mapToDouble(FanOut::deliveriesPerSecond).toArray());
        out.append(String.format(Locale.ROOT, "- fan-out to %d subscribers (%s), %d publishers, window %d: Overtime **%,.0f "
                        + "deliveries/s** (target ≥ 20,000: %s), bare push %,.0f/s, %.2fx (medians)%n", SUBSCRIBERS,
                JDK_CLIENT ? "the JDK's WebSocket client" : "one reader thread on one selector", PUBLISHERS, WINDOW, deliveries, deliveries >= 20_000 ? "PASS" : "MISS",
                median(fanBare.stream().mapToDouble(FanOut::deliveriesPerSecond).toArray()), median(fanRatios)));
        out.append("\n| round | Overtime p50 µs | bare p50 µs | Overtime p99 µs | bare p99 µs | Overtime deliveries/s "
                + "(publishes/s) | CPU cores: server / subscribers' reader / publishers | bare deliveries/s "
                + "(publishes/s) | CPU cores: server / reader / publishers |\n|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < rounds; i++) {
            FanOut o = fanOvertime.get(i);
            FanOut b = fanBare.get(i);
            out.append(String.format(Locale.ROOT,
                    "| %d | %.1f | %.1f | %.1f | %.1f | %,.0f (%,.0f) | %.2f / %.2f / %.2f | %,.0f (%,.0f) | "
                            + "%.2f / %.2f / %.2f |%n", i + 1, overtime.get(i).p50Micros(), bare.get(i).p50Micros(),
                    overtime.get(i).p99Micros(), bare.get(i).p99Micros(), o.deliveriesPerSecond(),
                    o.publishesPerSecond(), o.serverCores(), o.readerCores(), o.publisherCores(),
                    b.deliveriesPerSecond(), b.publishesPerSecond(), b.serverCores(), b.readerCores(),
                    b.publisherCores()));
        }
        long errors = latencies.values().stream().flatMap(List::stream).mapToLong(LoadDriver.Result::errors).sum()
                + fanOuts.values().stream().flatMap(List::stream).mapToLong(FanOut::errors).sum();
        out.append("\nErrors (failed publishes, deliveries missing, duplicated or out of order, broken connections): ")
                .append(errors).append('\n');
        return out.toString();
    }
}
