package dev.overtime.webadapter;

import java.io.IOException;
import java.util.Map;

/**
 * Overtime's web adapter: runs an unchanged web app as a function, configured like AWS Lambda Web
 * Adapter. Started as the external extension {@value Extension#NAME} (from a layer's
 * {@code extensions/}), with the function's environment and {@code AWS_LAMBDA_RUNTIME_API}:
 *
 * <ol>
 * <li>registers with the Extensions API for no events, and parks on {@code event/next};
 * <li>waits for the app's readiness check (with {@code AWS_LWA_ASYNC_INIT}, at most 9.8 s);
 * <li>polls the Runtime API's {@code /next} on the app's behalf, on
 *     {@code AWS_LAMBDA_MAX_CONCURRENCY} loops (default one), and turns each event into a request
 *     to the app.
 * </ol>
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        try {
            start(System.getenv());
        } catch (IOException e) {
            Log.warn("Extension registration failed - terminating process: " + e.getMessage());
            System.exit(1);
        }
    }

    /** All three steps with the given environment; returns when the invoke loops end. */
    static void start(Map<String, String> env) throws IOException, InterruptedException {
        AdapterConfig config = AdapterConfig.from(env);
        String id = Extension.register(config.runtimeApi());
        Extension.parkOnNext(config.runtimeApi(), id);
        run(config, env);
    }

    /** Steps 2 and 3: readiness, then the invoke loops; returns when they all end. */
    static void run(AdapterConfig config, Map<String, String> env) throws InterruptedException {
        run(config, env, config.asyncInit() ? AppReadiness.ASYNC_INIT_BUDGET_MILLIS : 0);
    }

    /** As {@link #run(AdapterConfig, Map)}, with the init's readiness budget given (0: no limit); for tests. */
    static void run(AdapterConfig config, Map<String, String> env, long initBudgetMillis) throws InterruptedException {
        AppReadiness readiness = new AppReadiness(new Readiness(config));
        readiness.awaitAtInit(initBudgetMillis);
        EventRequests requests = new EventRequests(config, env);
        int n = config.concurrency();
        if (n == 1) {
            new InvokeLoop(config, requests, readiness).run();
            return;
        }
        Thread[] loops = new Thread[n];
        for (int i = 0; i < n; i++) {
            loops[i] = new Thread(new InvokeLoop(config, requests, readiness), "lambda-adapter-" + i);
            loops[i].start();
        }
        for (Thread t : loops) {
            t.join();
        }
    }
}
