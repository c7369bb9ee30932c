package dev.overtime.webadapter;

import java.io.IOException;
import java.util.Map;

/**
 * Overtime's web adapter as its own process: runs an unchanged web app as a function, configured
 * like AWS Lambda Web Adapter. Started as the external extension {@value Extension#NAME} (from a
 * layer's {@code extensions/}), with the function's environment and {@code AWS_LAMBDA_RUNTIME_API}:
 *
 * <ol>
 * <li>registers with the Extensions API for no events, and parks on {@code event/next};
 * <li>runs {@link WebAdapter}: the app's readiness check, then invoke loops that poll the Runtime
 *     API's {@code /next} on the app's behalf.
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

    /** Both steps with the given environment; returns when the invoke loops end. */
    static void start(Map<String, String> env) throws IOException, InterruptedException {
        WebAdapter adapter = WebAdapter.configure(env, System.err::println);
        String id = Extension.register(adapter.runtimeApi());
        Extension.parkOnNext(adapter.runtimeApi(), id);
        adapter.run(adapter.initBudgetMillis(), loop -> adapter.httpRuntimeClient(), Main::loopThread);
    }

    /** As {@link #start} after registration, with the init's readiness budget given (0: no limit); for tests. */
    static void run(Map<String, String> env, long initBudgetMillis) throws InterruptedException {
        WebAdapter adapter = WebAdapter.configure(env, System.err::println);
        adapter.run(initBudgetMillis, loop -> adapter.httpRuntimeClient(), Main::loopThread);
    }

    private static Thread loopThread(Runnable loop) {
        Thread t = new Thread(loop, "lambda-adapter");
        t.setDaemon(true);
        return t;
    }
}
