package dev.overtime.bench;

import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.function.FunctionUrlDefinition;
import dev.overtime.platform.server.Platform;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Response streaming: time to first byte (a chunk written by the function to the same bytes read by
 * the client) and sustained throughput, through InvokeWithResponseStream and a RESPONSE_STREAM
 * Function URL, beside a bare loopback chunked transfer from a Jetty handler that writes the same
 * ticks and bytes. Ticks carry the writer's {@code System.nanoTime()}, which on Linux is one clock
 * for every process on the machine.
 *
 * <p>Run: {@code ./overtime bench-streaming} or {@code java -cp bench/target/overtime-bench.jar
 * dev.overtime.bench.StreamingBenchmark [ticks] [megabytes] [--no-freeze] [--quiet]}. The platform runs
 * with serve's defaults unless serve's flags say otherwise ({@link ServeConfiguration}).
 */
public final class StreamingBenchmark {

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args, "bench-streaming [ticks] [megabytes] "
                + ServeConfiguration.USAGE, ServeConfiguration.FLAGS);
        ServeConfiguration serve = ServeConfiguration.of(arguments);
        int ticks = arguments.count(0, 2000);
        long bytes = (long) arguments.count(1, 64) * 1024 * 1024;
        Path root = Path.of(System.getProperty("overtime.root", ".")).toAbsolutePath().normalize();
        FunctionDefinition ticker = new FunctionDefinition("ticker", "ticker", "java21", "dev.overtime.examples.Ticker",
                root.resolve("examples/target/java-functions.jar"), Duration.ofSeconds(120), 512, Map.of(), 1, "");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (Platform platform = Platform.start(serve.config(Files.createTempDirectory("overtime-stream-bench")),
                List.of(ticker),
                List.of(new FunctionUrlDefinition("ticker", FunctionUrlDefinition.InvokeMode.RESPONSE_STREAM, null)))) {
            Server bare = bareServer();
            String bareUrl = "http://127.0.0.1:" + ((ServerConnector) bare.getConnectors()[0]).getLocalPort() + "/";
            String url = platform.functionUrl("ticker").orElseThrow();
            URI iwrs = URI.create(platform.endpoint() + "/2021-11-15/functions/ticker/response-streaming-invocations");

            // Warm up every path (JIT, the function's environment) before measuring.
            for (int i = 0; i < 3; i++) {
                ticks(http, get(bareUrl + "?count=300&pauseMicros=200"), false);
                ticks(http, get(url + "?count=300&pauseMicros=200"), false);
                ticks(http, post(iwrs, "{\"count\":300,\"pauseMicros\":200}"), true);
                drain(http, get(bareUrl + "?bytes=" + bytes / 4), false);
                drain(http, get(url + "?bytes=" + bytes / 4), false);
                drain(http, post(iwrs, "{\"bytes\":" + bytes / 4 + "}"), true);
            }
            double[] bareTtfb = ticks(http, get(bareUrl + "?count=" + ticks + "&pauseMicros=1000"), false);
            double[] urlTtfb = ticks(http, get(url + "?count=" + ticks + "&pauseMicros=1000"), false);
            double[] iwrsTtfb = ticks(http, post(iwrs, "{\"count\":" + ticks + ",\"pauseMicros\":1000}"), true);
            double bareMbs = drain(http, get(bareUrl + "?bytes=" + bytes), false);
            double urlMbs = drain(http, get(url + "?bytes=" + bytes), false);
            double iwrsMbs = drain(http, post(iwrs, "{\"bytes\":" + bytes + "}"), true);
            bare.stop();

            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "%n## Streaming benchmark, %s, %d cores, %s %s: %d ticks 1 ms apart, %d MB%n%n",
                    LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), ticks, bytes >> 20));
            out.append("Configuration: ").append(serve.describe()).append(".\n\n");
            out.append("| path | TTFB p50 µs | TTFB p99 µs | throughput MB/s |\n|---|---|---|---|\n");
            row(out, "bare loopback chunked transfer (baseline)", bareTtfb, bareMbs);
            row(out, "Function URL, RESPONSE_STREAM", urlTtfb, urlMbs);
            row(out, "InvokeWithResponseStream", iwrsTtfb, iwrsMbs);
            out.append(String.format(Locale.ROOT, "%nRatios: TTFB p50 URL %.0f µs, IWRS %.0f µs (target < 1,000 µs); "
                            + "throughput URL %.2f, IWRS %.2f of the baseline (target >= 0.5).%n",
                    InvokeBenchmark.median(urlTtfb), InvokeBenchmark.median(iwrsTtfb), urlMbs / bareMbs, iwrsMbs / bareMbs));
            System.out.print(out);
        }
    }

    private static void row(StringBuilder out, String label, double[] ttfb, double mbs) {
        out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", label, InvokeBenchmark.median(ttfb),
                ttfb[(int) Math.min(ttfb.length - 1, Math.floor(0.99 * ttfb.length))], mbs));
    }

    private static HttpRequest get(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).GET().build();
    }

    private static HttpRequest post(URI uri, String body) {
        return HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Reads a stream of ticks and returns each one's write-to-read latency in µs, sorted. */
    private static double[] ticks(HttpClient http, HttpRequest request, boolean eventStream) throws Exception {
        List<Double> latencies = new ArrayList<>();
        StringBuilder partial = new StringBuilder();
        consume(http, request, eventStream, bytes -> {
            long now = System.nanoTime();
            partial.append(new String(bytes, StandardCharsets.US_ASCII));
            int newline;
            while ((newline = partial.indexOf("\n")) >= 0) {
                latencies.add((now - Long.parseLong(partial.substring(0, newline))) / 1000.0);
                partial.delete(0, newline + 1);
            }
        });
        return latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /** Reads a byte stream to the end and returns MB/s from request to last byte. */
    private static double drain(HttpClient http, HttpRequest request, boolean eventStream) throws Exception {
        long[] total = new long[1];
        long start = System.nanoTime();
        consume(http, request, eventStream, bytes -> total[0] += bytes.length);
        return total[0] / 1048576.0 / ((System.nanoTime() - start) / 1e9);
    }

    private static void consume(HttpClient http, HttpRequest request, boolean eventStream,
                                java.util.function.Consumer<byte[]> sink) throws Exception {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        MessageDecoder decoder = new MessageDecoder((Message m) -> {
            if ("PayloadChunk".equals(m.getHeaders().get(":event-type").getString())) {
                sink.accept(m.getPayload());
            }
        });
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                byte[] read = Arrays.copyOf(buffer, n);
                if (eventStream) {
                    decoder.feed(read);
                } else {
                    sink.accept(read);
                }
            }
        }
    }

    /** The baseline: ticks and bytes written by a plain Jetty handler, chunk by chunk. */
    private static Server bareServer() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Fields query = Request.extractQueryParameters(request);
                response.setStatus(200);
                response.getHeaders().put("Content-Type", "text/plain");
                {
                    if (query.getValue("bytes") != null) {
                        long bytes = Long.parseLong(query.getValue("bytes"));
                        byte[] chunk = new byte[64 * 1024];
                        Arrays.fill(chunk, (byte) 'x');
                        for (long sent = 0; sent < bytes; sent += chunk.length) {
                            write(response, ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, bytes - sent)));
                        }
                    } else {
                        int count = Integer.parseInt(query.getValue("count"));
                        long pause = Long.parseLong(query.getValue("pauseMicros")) * 1000;
                        for (int i = 0; i < count; i++) {
                            write(response, ByteBuffer.wrap((System.nanoTime() + "\n").getBytes(StandardCharsets.US_ASCII)));
                            LockSupport.parkNanos(pause);
                        }
                    }
                }
                response.write(true, null, callback);
                return true;
            }
        });
        server.start();
        return server;
    }

    private static void write(Response response, ByteBuffer chunk) throws Exception {
        try (org.eclipse.jetty.util.Blocker.Callback done = org.eclipse.jetty.util.Blocker.callback()) {
            response.write(false, chunk, done);
            done.block();
        }
    }
}
