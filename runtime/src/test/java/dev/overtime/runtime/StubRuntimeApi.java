package dev.overtime.runtime;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process Runtime API for tests. {@code /next} hands out the queued invocations in order and
 * answers 500 once it meets {@link #stop()}'s marker, which ends the runtime loop; everything the
 * runtime sends is recorded with the client port, which identifies its connection.
 */
final class StubRuntimeApi implements AutoCloseable {

    /** One request the runtime made. */
    static final class Request {
        final String method;
        final String path;
        final Headers headers;
        final String body;
        final int clientPort;
        /** {@code System.nanoTime()} when the whole request had arrived. */
        final long receivedNanos = System.nanoTime();

        Request(String method, String path, Headers headers, String body, int clientPort) {
            this.method = method;
            this.path = path;
            this.headers = headers;
            this.body = body;
            this.clientPort = clientPort;
        }

        String header(String name) {
            return headers.getFirst(name);
        }

        @Override
        public String toString() {
            return method + " " + path + " " + body;
        }
    }

    /** An invocation to hand out on {@code /next}. */
    static final class Invocation {
        final String requestId;
        final String payload;
        final Map<String, String> headers = new LinkedHashMap<>();

        Invocation(String requestId, String payload) {
            this.requestId = requestId;
            this.payload = payload;
            headers.put("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
            headers.put("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:test");
        }

        Invocation header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    private static final Invocation STOP = new Invocation("stop", "");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
    private final List<Request> requests = new ArrayList<>();
    private final BlockingQueue<Request> posts = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int responseStatus = 202;
    private volatile NextGate gate;
    private final BlockingQueue<String> extensionEvents = new LinkedBlockingQueue<>();
    private volatile String registrationRefusal;

    /** Holds {@code /next} requests until a number of them wait at once. */
    interface NextGate {
        void arrive() throws InterruptedException;
    }

    StubRuntimeApi() throws IOException {
        // Without it the JDK server's separate header and body writes wait on the client's delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        server.setExecutor(executor);
        server.createContext("/2018-06-01/runtime/", this::handle);
        server.createContext("/2020-01-01/extension/", this::handleExtension);
        server.start();
    }

    /** The {@code AWS_LAMBDA_RUNTIME_API} value for this stub. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    Invocation invoke(String payload) {
        Invocation inv = new Invocation("req-" + ids.incrementAndGet(), payload);
        queue.add(inv);
        return inv;
    }

    /** Queues an invocation whose headers can still be adjusted before the runtime asks for it. */
    Invocation prepare(String payload) {
        return new Invocation("req-" + ids.incrementAndGet(), payload);
    }

    void enqueue(Invocation inv) {
        queue.add(inv);
    }

    /** After the queued invocations, {@code /next} answers 500 and the runtime loop ends. */
    void stop() {
        queue.add(STOP);
    }

    void respondToPostsWith(int status) {
        responseStatus = status;
    }

    void gateNext(NextGate gate) {
        this.gate = gate;
    }

    /** Queues an INVOKE event for the extension {@code event/next}, with a deadline a minute away. */
    void extensionInvoke(String requestId) {
        extensionEvents.add("{\"eventType\":\"INVOKE\",\"deadlineMs\":" + (System.currentTimeMillis() + 60_000)
                + ",\"requestId\":\"" + requestId + "\",\"invokedFunctionArn\":\"arn\",\"tracing\":{}}");
    }

    /** After the queued events, extension {@code event/next} answers 500, which ends the extension's loop. */
    void stopExtensions() {
        extensionEvents.add("");
    }

    /** Registrations are answered 403 with this body from now on. */
    void refuseRegistrations(String body) {
        registrationRefusal = body;
    }

    private void handleExtension(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request r = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(), body, exchange.getRemoteAddress().getPort());
            synchronized (requests) {
                requests.add(r);
            }
            if (r.path.endsWith("/register")) {
                String refusal = registrationRefusal;
                if (refusal != null) {
                    send(exchange, 403, refusal);
                    return;
                }
                exchange.getResponseHeaders().add("Lambda-Extension-Identifier", "0b6b7a3c-0000-4000-8000-000000000001");
                send(exchange, 200, "{\"functionName\":\"test\",\"functionVersion\":\"$LATEST\",\"handler\":\"h\"}");
                return;
            }
            String event = extensionEvents.poll(20, TimeUnit.SECONDS);
            if (event == null || event.isEmpty()) {
                send(exchange, 500, "{\"errorType\":\"Stopped\"}");
                return;
            }
            send(exchange, 200, event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next POST the runtime made, waiting up to 20 seconds for it. */
    Request awaitPost() throws InterruptedException {
        Request r = posts.poll(20, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("the runtime posted nothing within 20 s; requests so far: " + requests());
        }
        return r;
    }

    List<Request> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request r = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(), body, exchange.getRemoteAddress().getPort());
            synchronized (requests) {
                requests.add(r);
            }
            if (r.method.equals("GET") && r.path.endsWith("/invocation/next")) {
                NextGate g = gate;
                if (g != null) {
                    g.arrive();
                }
                Invocation inv = queue.poll(20, TimeUnit.SECONDS);
                if (inv == null || inv == STOP) {
                    send(exchange, 500, "{\"errorType\":\"Stopped\"}");
                    return;
                }
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", inv.requestId);
                inv.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                send(exchange, 200, inv.payload);
            } else {
                posts.add(r);
                send(exchange, responseStatus, "{\"status\":\"OK\"}");
            }
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
}
