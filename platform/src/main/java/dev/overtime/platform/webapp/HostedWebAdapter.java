package dev.overtime.platform.webapp;

import dev.overtime.platform.environment.Environment;
import dev.overtime.platform.environment.WebAdapterHost;
import dev.overtime.platform.http.ConnectionResumingThreadPool;
import dev.overtime.webadapter.RuntimeClient;
import dev.overtime.webadapter.WebAdapter;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/**
 * The web adapter of one environment, run on threads of the platform. Its invoke loops
 * take events from the pool ({@link PoolRuntimeClient}); with {@code AWS_LWA_LAMBDA_RUNTIME_API_PROXY}
 * set, or streams shaped to AWS's bandwidth, they speak the Runtime API over HTTP instead, as the
 * adapter's own process would. Everything ends when the environment shuts down.
 */
public final class HostedWebAdapter implements WebAdapterHost {

    private final long maxStreamedBytes;
    private final boolean shapeStreams;

    public HostedWebAdapter(long maxStreamedBytes, boolean shapeStreams) {
        this.maxStreamedBytes = maxStreamedBytes;
        this.shapeStreams = shapeStreams;
    }

    @Override
    public void start(Environment env, Map<String, String> variables) {
        List<Thread> threads = new CopyOnWriteArrayList<>();
        List<RuntimeClient> clients = new CopyOnWriteArrayList<>();
        // Platform threads, not virtual ones: a loop spends its life blocked on the app's socket, and a platform
        // thread is woken there by the kernel directly, where a virtual one needs the poller and then a carrier.
        ThreadFactory loops = task -> {
            Thread t = Thread.ofPlatform().daemon().name("web-adapter-" + env.id()).unstarted(() -> {
                // A loop writes each answer to its caller itself; the caller's connection then waits for
                // its next request from this thread instead of waking a pool thread to do it.
                ConnectionResumingThreadPool.resumeConnectionsOnThisThread();
                task.run();
            });
            threads.add(t);
            return t;
        };
        Thread main = loops.newThread(() -> {
            WebAdapter adapter = WebAdapter.configure(variables, env.log()::line);
            boolean overHttp = shapeStreams || adapter.runtimeApiProxied();
            try {
                adapter.run(adapter.initBudgetMillis(), loop -> {
                    RuntimeClient c = overHttp ? adapter.httpRuntimeClient()
                            : new PoolRuntimeClient(env, maxStreamedBytes);
                    clients.add(c);
                    return c;
                }, loops);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        main.start();
        // Registered once the thread runs, so that a shutdown that came first still interrupts it.
        env.extensions().whenShutDown().thenRun(() -> {
            clients.forEach(RuntimeClient::close);
            threads.forEach(Thread::interrupt);
        });
    }
}
