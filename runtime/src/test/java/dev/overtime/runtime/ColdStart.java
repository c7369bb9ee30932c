package dev.overtime.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Measures cold start: from launching the runtime's JVM to the first {@code /response} POST reaching
 * a stub Runtime API. Not a test; run it by hand:
 *
 * <pre>
 * java -cp runtime/target/test-classes dev.overtime.runtime.ColdStart \
 *     runtime/target/overtime-runtime.jar TASK_ROOT HANDLER RUNS [JVM flags...]
 * </pre>
 *
 * Prints, per run, the milliseconds to the first {@code /next} (init done) and to the
 * {@code /response}, and the CPU time the runtime's JVM had used by then (all threads, from
 * {@code /proc}, 10 ms resolution): a figure that other load on the machine barely moves. Then the
 * medians. For the Hello example, TASK_ROOT holds {@code lib/java-functions.jar} and HANDLER is
 * {@code dev.overtime.examples.Hello}.
 */
public final class ColdStart {

    public static void main(String[] args) throws Exception {
        // Without it the JDK server's separate header and body writes wait on the client's delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String jar = args[0];
        String taskRoot = args[1];
        String handler = args[2];
        int runs = Integer.parseInt(args[3]);
        List<String> flags = Arrays.asList(args).subList(4, args.length);
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";

        BlockingQueue<Long> nextAt = new ArrayBlockingQueue<>(runs * 4);
        BlockingQueue<Long> responseAt = new ArrayBlockingQueue<>(runs * 4);
        BlockingQueue<String> bodies = new ArrayBlockingQueue<>(runs * 4);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        int[] served = {0};
        server.createContext("/2018-06-01/runtime/", exchange -> {
            long now = System.nanoTime();
            String path = exchange.getRequestURI().getPath();
            byte[] body = readAll(exchange.getRequestBody());
            if (path.endsWith("/invocation/next")) {
                int n;
                synchronized (served) {
                    n = ++served[0];
                }
                nextAt.add(now);
                if (n % 2 == 0) {
                    // Second /next of a run: the measurement is over; a 500 makes the runtime exit.
                    send(exchange, 500, "{}");
                    return;
                }
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", "req-" + n);
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                        Long.toString(System.currentTimeMillis() + 30_000));
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:us-east-1:000000000000:function:hello");
                send(exchange, 200, "{\"name\":\"cold\"}");
            } else {
                responseAt.add(now);
                bodies.add(path + " " + new String(body, StandardCharsets.UTF_8));
                send(exchange, 202, "");
            }
        });
        server.start();
        String api = "127.0.0.1:" + server.getAddress().getPort();

        long[] init = new long[runs];
        long[] total = new long[runs];
        long[] cpu = new long[runs];
        for (int i = 0; i < runs; i++) {
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            cmd.addAll(flags);
            cmd.add("-cp");
            cmd.add(jar);
            cmd.add("dev.overtime.runtime.Main");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(new File(taskRoot)).inheritIO();
            Map<String, String> env = pb.environment();
            env.put("AWS_LAMBDA_RUNTIME_API", api);
            env.put("_HANDLER", handler);
            env.put("LAMBDA_TASK_ROOT", taskRoot);
            env.put("AWS_LAMBDA_FUNCTION_NAME", "hello");
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
            env.put("AWS_REGION", "us-east-1");
            long start = System.nanoTime();
            Process p = pb.start();
            Long ready = nextAt.poll(30, TimeUnit.SECONDS);
            Long done = responseAt.poll(30, TimeUnit.SECONDS);
            if (ready == null || done == null) {
                p.destroyForcibly();
                throw new IllegalStateException("run " + i + " did not complete");
            }
            init[i] = (ready - start) / 1_000_000;
            total[i] = (done - start) / 1_000_000;
            cpu[i] = cpuMillis(p.pid());
            System.out.println("run " + i + ": first /next after " + init[i] + " ms, /response after "
                    + total[i] + " ms, " + cpu[i] + " ms CPU: " + bodies.poll());
            nextAt.poll(30, TimeUnit.SECONDS);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        server.stop(0);
        Arrays.sort(init);
        Arrays.sort(total);
        Arrays.sort(cpu);
        System.out.println("median of " + runs + ": first /next " + init[runs / 2] + " ms, /response "
                + total[runs / 2] + " ms (min " + total[0] + ", max " + total[runs - 1] + "), CPU "
                + cpu[runs / 2] + " ms");
        System.exit(0);
    }

    /** User plus system time of a live process, assuming the usual 100 clock ticks per second. */
    private static long cpuMillis(long pid) throws IOException {
        String stat = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/" + pid + "/stat")),
                StandardCharsets.US_ASCII);
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
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
