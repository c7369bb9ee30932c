package dev.overtime.runtime;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Entry point of the Java runtime: loads the function's handler, then serves invocations from the
 * Lambda Runtime API at {@code AWS_LAMBDA_RUNTIME_API} until the API goes away.
 *
 * <p>Launch it with the handler in {@code _HANDLER} or as the first argument, like AWS's runtime
 * interface client: {@code java -cp overtime-runtime.jar dev.overtime.runtime.Main [pkg.Class::method]}.
 * It speaks only the public Runtime API, so the same jar serves as a {@code provided.al2023} custom
 * runtime on AWS Lambda.
 */
public final class Main {

    /** AWS's location for Lambda layers' Java libraries. */
    static final String OPT_ROOT = "/opt/java";

    private Main() {
    }

    /**
     * Runs the runtime; returns only by exiting the JVM: status 1 after an init error or when the
     * Runtime API fails.
     */
    public static void main(String[] args) {
        // UTF-8 whatever the locale, as AWS's runtime does; autoflush so no log line is lost at exit.
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        System.exit(run(args, System.getenv(), optRoot(System.getenv())));
    }

    /** Where the layers' Java libraries are: under the folder Overtime built the layers into, else AWS's place. */
    static String optRoot(Map<String, String> env) {
        String builtLayers = env.get("OVERTIME_OPT");
        return builtLayers == null || builtLayers.isBlank() ? OPT_ROOT : builtLayers + "/java";
    }

    /**
     * Initializes the function, then runs the loop on the calling thread or, with
     * {@code AWS_LAMBDA_MAX_CONCURRENCY=N} (N &gt; 1), on N threads while the calling thread waits.
     * Returns the exit status once a loop stops, or 1 at once after reporting an init error.
     */
    static int run(String[] args, Map<String, String> env, String optRoot) {
        FunctionConfig config = FunctionConfig.from(args, env);
        if (config.runtimeApi == null || config.runtimeApi.isEmpty()) {
            System.err.println("overtime-runtime: AWS_LAMBDA_RUNTIME_API is not set");
            return 1;
        }
        RuntimeLogger logger = new RuntimeLogger(config.logLevel, config.logFormat);
        logger.install();
        RuntimeApiClient api = new RuntimeApiClient(config.runtimeApi);
        InternalExtensions.openRegistration(config.runtimeApi);

        int threads = 1;
        Handler handler = null;
        HandlerFault fault = null;
        try {
            threads = concurrency(config.maxConcurrency);
            ClassLoader loader = HandlerLoader.classLoader(config.taskRoot, optRoot);
            Thread.currentThread().setContextClassLoader(loader);
            handler = HandlerLoader.load(config.handler, loader);
            handler.prepare();
        } catch (HandlerFault f) {
            fault = f;
        } catch (Throwable t) {
            // Reflection on a broken class can throw anything; it is still the function's fault.
            fault = HandlerFault.of(t);
        }
        if (fault != null) {
            logger.log(fault.logText());
            try {
                api.postInitError(ErrorReport.BAD_FUNCTION_CODE, fault.body());
            } catch (IOException e) {
                System.err.println("overtime-runtime: could not report the init error: " + e.getMessage());
            }
            api.close();
            return 1;
        }

        if (threads <= 1) {
            return new RuntimeLoop(api, handler, config, logger, true).run();
        }
        // One connection per thread; the first loop that stops decides the exit status.
        BlockingQueue<Integer> stopped = new ArrayBlockingQueue<>(threads);
        for (int i = 1; i <= threads; i++) {
            RuntimeApiClient client = i == 1 ? api : new RuntimeApiClient(config.runtimeApi);
            LoopThread t = new LoopThread(new RuntimeLoop(client, handler, config, logger, false), stopped, i);
            t.start();
        }
        while (true) {
            try {
                return stopped.take();
            } catch (InterruptedException e) {
                // The main thread only waits; nothing may cut that short.
            }
        }
    }

    private static int concurrency(String value) {
        if (value == null || value.trim().isEmpty()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new HandlerFault("User configured AWS_LAMBDA_MAX_CONCURRENCY is invalid: " + value,
                "java.lang.NumberFormatException", null);
    }

    /** A daemon, so that returning from {@link #run} never waits for loops blocked in {@code /next}. */
    private static final class LoopThread extends Thread {
        private final RuntimeLoop loop;
        private final BlockingQueue<Integer> stopped;

        LoopThread(RuntimeLoop loop, BlockingQueue<Integer> stopped, int index) {
            super("overtime-runtime-" + index);
            this.loop = loop;
            this.stopped = stopped;
            setDaemon(true);
        }

        @Override
        public void run() {
            int status = 1;
            try {
                status = loop.run();
            } finally {
                stopped.offer(status);
            }
        }
    }
}
