package dev.overtime.webadapter;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process Runtime API (and Extensions API registration) for the adapter's tests. {@code /next}
 * hands out queued events and answers 500 at {@link #stop()}, which ends the adapter's loop. Each
 * POST is recorded with the arrival time of every piece of its body.
 */
final class StubRuntimeApi implements AutoCloseable {

    /** One POST the adapter made. */
    record Post(String path, Headers headers, byte[] body, List<Long> arrivalNanos, List<Integer> arrivalSizes) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean isError() {
            return path.endsWith("/error");
        }

        String requestId() {
            String[] parts = path.split("/");
            return parts[parts.length - 2];
        }
    }

    private record Event(String id, String payload, long deadlineMs) {
    }

    private static final Event STOP = new Event("stop", "", 0);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final BlockingQueue<Post> posts = new LinkedBlockingQueue<>();
    private final List<String> registrations = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** {@code System.nanoTime()} of the first {@code /next}, or 0. */
    volatile long firstNextNanos;

    StubRuntimeApi() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        server.setExecutor(executor);
        server.createContext("/2018-06-01/runtime/", this::handle);
        server.createContext("/2020-01-01/extension/", this::extension);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event with a deadline a minute away; returns its request id. */
    String invoke(String payload) {
        return invoke(payload, 60_000);
    }

    String invoke(String payload, long timeoutMillis) {
        String id = "req-" + ids.incrementAndGet();
        queue.add(new Event(id, payload, System.currentTimeMillis() + timeoutMillis));
        return id;
    }

    void stop() {
        queue.add(STOP);
    }

    /** The next response or error posted, waiting up to 20 s. */
    Post awaitPost() throws InterruptedException {
        Post p = posts.poll(20, TimeUnit.SECONDS);
        if (p == null) {
            throw new AssertionError("the adapter posted nothing within 20 s");
        }
        return p;
    }

    List<String> registrations() {
        synchronized (registrations) {
            return new ArrayList<>(registrations);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/invocation/next")) {
                if (firstNextNanos == 0) {
                    firstNextNanos = System.nanoTime();
                }
                Event e = queue.poll(30, TimeUnit.SECONDS);
                if (e == null || e == STOP) {
                    send(exchange, 500, "{\"errorType\":\"Stopped\"}");
                    return;
                }
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", e.id());
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(e.deadlineMs()));
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:us-east-1:123456789012:function:web");
                exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793");
                send(exchange, 200, e.payload());
                return;
            }
            List<Long> times = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            InputStream in = exchange.getRequestBody();
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) >= 0) {
                times.add(System.nanoTime());
                sizes.add(n);
                body.write(buf, 0, n);
            }
            posts.add(new Post(path, exchange.getRequestHeaders(), body.toByteArray(), times, sizes));
            send(exchange, 202, "{\"status\":\"OK\"}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void extension(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestURI().getPath().endsWith("/register")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                synchronized (registrations) {
                    registrations.add(exchange.getRequestHeaders().getFirst("Lambda-Extension-Name") + " " + body);
                }
                exchange.getResponseHeaders().add("Lambda-Extension-Identifier", "ext-1");
                send(exchange, 200, "{}");
                return;
            }
            Thread.sleep(30_000); // event/next: parked, as with no events subscribed
            send(exchange, 500, "{}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
