package dev.overtime.webadapter;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * One adapter between a {@link TestApp} and a {@link StubRuntimeApi}: its environment is built up
 * with {@link #env}, then {@link #start()} runs readiness and the invoke loop on a thread, as
 * {@link Main} does after registering.
 */
final class AdapterHarness implements AutoCloseable {

    final TestApp app;
    final StubRuntimeApi runtime;
    final Map<String, String> env = new HashMap<>();
    private Thread thread;
    long initBudgetMillis;

    AdapterHarness() throws IOException {
        app = new TestApp();
        runtime = new StubRuntimeApi();
        env.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        env.put("AWS_LWA_PORT", Integer.toString(app.port()));
        env.put("AWS_LWA_READINESS_CHECK_PATH", "/ready");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "web");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/web");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]abc");
    }

    AdapterHarness env(String name, String value) {
        env.put(name, value);
        return this;
    }

    AdapterHarness start() {
        thread = new Thread(() -> {
            try {
                Main.run(env, initBudgetMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "adapter-under-test");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Invokes with {@code event} and returns what the adapter posted for it. */
    StubRuntimeApi.Post invoke(String event) throws InterruptedException {
        String id = runtime.invoke(event);
        StubRuntimeApi.Post post = runtime.awaitPost();
        if (!post.requestId().equals(id)) {
            throw new AssertionError("posted for " + post.requestId() + ", expected " + id);
        }
        return post;
    }

    @Override
    public void close() throws InterruptedException {
        runtime.stop();
        if (thread != null) {
            thread.join(5000);
        }
        runtime.close();
        app.close();
    }
}
