package dev.overtime.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A training run for a JVM class-data archive of this runtime: serves a scripted series of
 * invocations (map, POJO, string and stream handlers, lenient JSON, a thrown exception) through the real loader,
 * loop and HTTP client against an in-process Runtime API, then exits normally so the JVM writes the
 * archive. Most of a cold start is the JVM loading Jackson's classes for AWS's serializers; an
 * archive made this way lets every later runtime map them in ready-parsed.
 *
 * <pre>
 * # JDK 25 and later (AOT cache):
 * java -XX:+UseSerialGC -XX:AOTCacheOutput=overtime-runtime.aot -cp overtime-runtime.jar dev.overtime.runtime.Training
 * java -XX:+UseSerialGC -XX:AOTCache=overtime-runtime.aot -cp overtime-runtime.jar dev.overtime.runtime.Main
 * # JDK 19 to 24 (dynamic CDS archive):
 * java -XX:+UseSerialGC -XX:ArchiveClassesAtExit=overtime-runtime.jsa -cp overtime-runtime.jar dev.overtime.runtime.Training
 * java -XX:+UseSerialGC -XX:SharedArchiveFile=overtime-runtime.jsa -cp overtime-runtime.jar dev.overtime.runtime.Main
 * </pre>
 *
 * The archive is valid only for the exact JDK and runtime jar it was made with, and the class path
 * must be the same {@code -cp}; rebuild it when either changes. The Overtime platform makes and
 * uses one by itself (its {@code ClassDataArchives}); these commands are for running the runtime
 * elsewhere, such as on AWS Lambda as a custom runtime.
 */
public final class Training {

    private static final int ROUNDS = 20;

    private Training() {
    }

    /** Runs the training invocations, then exits with status 0 (1 if the runtime misbehaved). */
    public static void main(String[] args) throws Exception {
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        // The training functions' logs, stack traces and loop exits are noise here.
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        System.setErr(System.out);
        int served;
        int expected;
        try (ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            StubRuntimeApi api = new StubRuntimeApi(server);
            api.start();
            Map<String, String> env = new HashMap<>();
            env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.getLocalPort());
            env.put("LAMBDA_TASK_ROOT", "/nonexistent-overtime-training");
            env.put("AWS_LAMBDA_FUNCTION_NAME", "training");
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            String[][] runs = {
                {MapFunction.class.getName(), "{\"name\":\"training\",\"n\":1,\"xs\":[1.5,true,null,{\"a\":\"b\"}]}"},
                // Lenient JSON, which FastJson leaves to Jackson.
                {MapFunction.class.getName(), "{'name':'training', n: 01}"},
                {PojoFunction.class.getName(), "{\"name\":\"training\",\"count\":3,\"tags\":[\"a\",\"b\"],"
                        + "\"at\":\"2024-01-02T03:04:05Z\",\"attributes\":{\"k\":\"v\"}}"},
                {StringFunction.class.getName() + "::handle", "\"training\""},
                {StreamFunction.class.getName(), "{\"raw\":true}"},
                {FailingFunction.class.getName(), "{}"},
            };
            for (String[] run : runs) {
                api.script(run[1], ROUNDS);
                Main.run(new String[] {run[0]}, env, "/nonexistent-overtime-training");
            }
            LambdaEventSerializers.isLambdaSupportedEvent("com.amazonaws.services.lambda.runtime.events.SQSEvent");
            served = api.responses();
            expected = runs.length * ROUNDS;
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
        System.out.println("overtime-runtime training: " + served + " of " + expected + " invocations answered");
        System.exit(served == expected ? 0 : 1);
    }

    /** Training function: map in, map out. */
    public static final class MapFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
            context.getLogger().log("training " + context.getAwsRequestId());
            Map<String, Object> out = new HashMap<>(input);
            out.put("remaining", context.getRemainingTimeInMillis());
            return out;
        }
    }

    /** Training function: bean in, bean out. */
    public static final class PojoFunction implements RequestHandler<Pojo, Pojo> {
        @Override
        public Pojo handleRequest(Pojo input, Context context) {
            input.setCount(input.getCount() + 1);
            return input;
        }
    }

    /** Training function: a static method taking and returning strings. */
    public static final class StringFunction {
        public static String handle(String input, Context context) {
            return input + context.getFunctionName();
        }
    }

    /** Training function: raw bytes. */
    public static final class StreamFunction implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            input.transferTo(output);
        }
    }

    /** Training function: always throws. */
    public static final class FailingFunction implements RequestHandler<Map<String, Object>, String> {
        @Override
        public String handleRequest(Map<String, Object> input, Context context) {
            throw new IllegalStateException("training", new IllegalArgumentException("cause"));
        }
    }

    /** The bean of {@link PojoFunction}. */
    public static final class Pojo {
        private String name;
        private int count;
        private List<String> tags;
        private Instant at;
        private Map<String, String> attributes;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public int getCount() {
            return count;
        }

        public void setCount(int count) {
            this.count = count;
        }

        public List<String> getTags() {
            return tags;
        }

        public void setTags(List<String> tags) {
            this.tags = tags;
        }

        public Instant getAt() {
            return at;
        }

        public void setAt(Instant at) {
            this.at = at;
        }

        public Map<String, String> getAttributes() {
            return attributes;
        }

        public void setAttributes(Map<String, String> attributes) {
            this.attributes = attributes;
        }
    }

    /**
     * Just enough Runtime API: one connection at a time, keep-alive, {@code /next} answers the
     * scripted payload N times and then 500 (which ends that runtime loop), posts get 202.
     */
    private static final class StubRuntimeApi extends Thread {
        private final ServerSocket server;
        private String payload;
        private int remaining;
        private int responses;
        private int ids;

        StubRuntimeApi(ServerSocket server) {
            super("overtime-training-api");
            this.server = server;
            setDaemon(true);
        }

        synchronized void script(String payload, int times) {
            this.payload = payload;
            this.remaining = times;
        }

        synchronized int responses() {
            return responses;
        }

        @Override
        public void run() {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.setTcpNoDelay(true);
                    serve(new java.io.BufferedInputStream(s.getInputStream()), s.getOutputStream());
                } catch (IOException e) {
                    // Next connection, or the server closed.
                }
            }
        }

        private void serve(InputStream in, OutputStream out) throws IOException {
            while (true) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                int length = 0;
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = Integer.parseInt(h.substring(15).trim());
                    }
                }
                in.readNBytes(length);
                if (requestLine.startsWith("GET ")) {
                    String body;
                    String id;
                    synchronized (this) {
                        if (remaining == 0) {
                            respond(out, "500 Internal Server Error", "", "{}");
                            return;
                        }
                        remaining--;
                        body = payload;
                        id = "training-" + (++ids);
                    }
                    respond(out, "200 OK", "Lambda-Runtime-Aws-Request-Id: " + id + "\r\n"
                            + "Lambda-Runtime-Deadline-Ms: " + (System.currentTimeMillis() + 60_000) + "\r\n"
                            + "Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:000000000000:function:training\r\n"
                            + "Lambda-Runtime-Trace-Id: Root=1-00000000-000000000000000000000000;Sampled=0\r\n", body);
                } else {
                    if (requestLine.contains("/response ") || requestLine.contains("/error ")) {
                        synchronized (this) {
                            responses++;
                        }
                    }
                    respond(out, "202 Accepted", "", "{\"status\":\"OK\"}");
                }
            }
        }

        private static void respond(OutputStream out, String status, String headers, String body) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream response = new ByteArrayOutputStream(256 + b.length);
            response.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Type: application/json\r\n"
                    + "Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            response.write(b);
            // One write: a second small segment would wait for the client's delayed ACK.
            response.writeTo(out);
            out.flush();
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(64);
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
}
