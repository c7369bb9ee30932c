package dev.overtime.runtime;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An in-process Runtime API over raw sockets, for response streaming: unlike the JDK's HttpServer
 * behind {@link StubRuntimeApi} it sees a chunked request body chunk by chunk, as it arrives, and
 * reads its trailers. {@code /next} hands out the queued invocations and answers 500 after them,
 * which ends the runtime loop.
 */
final class RawRuntimeApi implements AutoCloseable {

    /** One request the runtime made, with its body as the chunks it arrived in. */
    static final class Request {
        final String method;
        final String path;
        final Map<String, String> headers = new LinkedHashMap<>();
        final Map<String, String> trailers = new LinkedHashMap<>();
        final List<byte[]> chunks = new CopyOnWriteArrayList<>();
        boolean chunked;
        byte[] body = new byte[0];

        Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String trailer(String name) {
            return trailers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        List<String> chunkTexts() {
            List<String> texts = new ArrayList<>();
            for (byte[] c : chunks) {
                texts.add(new String(c, StandardCharsets.UTF_8));
            }
            return texts;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final String STOP = "stop";

    private final ServerSocket server;
    private final BlockingQueue<String[]> invocations = new LinkedBlockingQueue<>();
    private final BlockingQueue<Request> posts = new LinkedBlockingQueue<>();
    /** Every request in the order its head arrived, for assertions on ordering. */
    private final List<String> arrivals = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private int ids;

    /** Called for each chunk of a request body as soon as it has been read. */
    volatile Consumer<byte[]> onChunk = c -> { };
    /** Called when a POST has been read completely, before it is answered. */
    volatile Consumer<Request> onPost = r -> { };
    /** Called when a {@code /next} arrives, before it is answered. */
    volatile Runnable onNext = () -> { };

    RawRuntimeApi() throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "raw-runtime-api");
        t.setDaemon(true);
        t.start();
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Queues an invocation; returns its request id. */
    synchronized String invoke(String payload) {
        String id = "req-" + (++ids);
        invocations.add(new String[] {id, payload});
        return id;
    }

    void stop() {
        invocations.add(new String[] {STOP, ""});
    }

    Request awaitPost() throws InterruptedException {
        Request r = posts.poll(20, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("the runtime posted nothing within 20 s; requests so far: " + arrivals);
        }
        return r;
    }

    List<String> arrivals() {
        return new ArrayList<>(arrivals);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }

    private void acceptLoop() {
        while (true) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            sockets.add(s);
            Thread t = new Thread(() -> serve(s), "raw-runtime-api-connection");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                Request r = readHead(in);
                if (r == null) {
                    return;
                }
                arrivals.add(r.method + " " + r.path);
                if (r.method.equals("GET") && r.path.endsWith("/invocation/next")) {
                    onNext.run();
                    String[] inv = invocations.poll(20, TimeUnit.SECONDS);
                    if (inv == null || inv[0].equals(STOP)) {
                        respond(out, "500 Internal Server Error", "", "{\"errorType\":\"Stopped\"}");
                        continue;
                    }
                    String headers = "Lambda-Runtime-Aws-Request-Id: " + inv[0] + "\r\n"
                            + "Lambda-Runtime-Deadline-Ms: " + (System.currentTimeMillis() + 60_000) + "\r\n"
                            + "Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:t\r\n";
                    respond(out, "200 OK", headers, inv[1]);
                } else {
                    readBody(in, r);
                    onPost.accept(r);
                    posts.add(r);
                    respond(out, "202 Accepted", "", "{\"status\":\"OK\"}");
                }
            }
        } catch (IOException | InterruptedException e) {
            // The test is over or the runtime went away.
        }
    }

    private static void respond(OutputStream out, String status, String headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
        out.flush();
    }

    private static Request readHead(InputStream in) throws IOException {
        String line = readLine(in);
        if (line == null) {
            return null;
        }
        String[] parts = line.split(" ");
        Request r = new Request(parts[0], parts[1]);
        readFields(in, r.headers);
        r.chunked = "chunked".equalsIgnoreCase(r.header("Transfer-Encoding"));
        return r;
    }

    private void readBody(InputStream in, Request r) throws IOException {
        if (!r.chunked) {
            String length = r.header("Content-Length");
            r.body = in.readNBytes(length == null ? 0 : Integer.parseInt(length.trim()));
            return;
        }
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                readFields(in, r.trailers);
                break;
            }
            byte[] chunk = in.readNBytes(size);
            readLine(in);
            r.chunks.add(chunk);
            whole.write(chunk);
            onChunk.accept(chunk);
        }
        r.body = whole.toByteArray();
    }

    private static void readFields(InputStream in, Map<String, String> into) throws IOException {
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            into.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = line.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(c);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }
}
