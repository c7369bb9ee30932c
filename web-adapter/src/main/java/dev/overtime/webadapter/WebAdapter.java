package dev.overtime.webadapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The adapter's work once it may run: wait for the app's readiness check (with
 * {@code AWS_LWA_ASYNC_INIT}, at most {@value AppReadiness#ASYNC_INIT_BUDGET_MILLIS} ms during init),
 * then serve invocations on {@code AWS_LAMBDA_MAX_CONCURRENCY} invoke loops (default one), each
 * turning events into requests to the app. {@link Main} runs it as LWA's external extension; a
 * platform may run it in its own process, with a {@link RuntimeClient} of its own.
 */
public final class WebAdapter {

    private final Map<String, String> env;
    private final AdapterConfig config;
    private final Log.Sink log;

    private WebAdapter(Map<String, String> env, Consumer<String> logLines) {
        this.env = env;
        this.log = new Log.Sink(logLines, Log.debugWanted(env));
        Log.bind(log);
        this.config = AdapterConfig.from(env);
    }

    /**
     * The adapter for a function with environment {@code env} (its {@code AWS_LWA_*} variables,
     * {@code PORT}, {@code AWS_LAMBDA_RUNTIME_API}...), logging to {@code logLines}.
     */
    public static WebAdapter configure(Map<String, String> env, Consumer<String> logLines) {
        return new WebAdapter(env, logLines);
    }

    /** The Runtime API address the adapter must use: {@code AWS_LWA_LAMBDA_RUNTIME_API_PROXY} when set. */
    public String runtimeApi() {
        return config.runtimeApi();
    }

    /** Whether {@code AWS_LWA_LAMBDA_RUNTIME_API_PROXY} puts a proxy between the adapter and the Runtime API. */
    public boolean runtimeApiProxied() {
        return env.get("AWS_LWA_LAMBDA_RUNTIME_API_PROXY") != null;
    }

    /** A client of the Runtime API over HTTP, at {@link #runtimeApi()}. */
    public RuntimeClient httpRuntimeClient() {
        return new RuntimeApi(config.runtimeApi());
    }

    /**
     * Readiness, then the invoke loops, each on a thread from {@code threads} with a client from
     * {@code clients} (given the loop's number); returns when every loop has ended. Interrupting the
     * calling thread ends the readiness check; ending the clients ends the loops.
     */
    public void run(long initBudgetMillis, Function<Integer, RuntimeClient> clients, ThreadFactory threads)
            throws InterruptedException {
        Log.bind(log);
        AppReadiness readiness = new AppReadiness(new Readiness(config));
        readiness.awaitAtInit(initBudgetMillis);
        EventRequests requests = new EventRequests(config, env);
        int n = config.concurrency();
        List<Thread> loops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            InvokeLoop loop = new InvokeLoop(config, requests, readiness, clients.apply(i));
            loops.add(threads.newThread(() -> {
                Log.bind(log);
                loop.run();
            }));
        }
        loops.forEach(Thread::start);
        for (Thread t : loops) {
            t.join();
        }
    }

    /** The init's readiness budget: {@value AppReadiness#ASYNC_INIT_BUDGET_MILLIS} ms with async init, else none. */
    public long initBudgetMillis() {
        return config.asyncInit() ? AppReadiness.ASYNC_INIT_BUDGET_MILLIS : 0;
    }
}
