package dev.overtime.platform.http;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Responses finished on another thread, written through {@link SelectorThreads} from the
 * connection's selector thread, over real HTTP/1.1 keep-alive connections.
 */
class SelectorThreadsTest {

    private static final int REQUESTS = 100;

    /** Counts the connections Jetty hands to a pool thread instead of resuming them in place. */
    private static final class CountingPool extends ConnectionResumingThreadPool {
        final AtomicInteger dispatchedConnections = new AtomicInteger();

        CountingPool() {
            super(64, 4);
        }

        @Override
        protected void dispatch(Runnable job) {
            if (job instanceof Connection) {
                dispatchedConnections.incrementAndGet();
            }
            super.dispatch(job);
        }
    }

    private final CountingPool pool = new CountingPool();
    private final ExecutorService elsewhere = Executors.newSingleThreadExecutor(r -> new Thread(r, "elsewhere"));
    private final List<String> handlingThreads = new CopyOnWriteArrayList<>();
    private final List<String> answeringThreads = new CopyOnWriteArrayList<>();
    private Server server;

    @AfterEach
    void stop() throws Exception {
        elsewhere.shutdownNow();
        if (server != null) {
            server.stop();
        }
    }

    /** A server whose handler answers from the "elsewhere" thread, through the selector or directly. */
    private int start(boolean throughSelector) throws Exception {
        return start(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                handlingThreads.add(Thread.currentThread().getName());
                var executor = throughSelector ? SelectorThreads.of(request) : (java.util.concurrent.Executor) Runnable::run;
                elsewhere.execute(() -> executor.execute(() -> {
                    answeringThreads.add(Thread.currentThread().getName());
                    Responses.json(response, callback, 200, "{\"n\":" + handlingThreads.size() + "}");
                }));
                return true;
            }
        });
    }

    private int start(Handler handler) throws Exception {
        pool.setReservedThreads(0);
        server = new Server(pool);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
        return connector.getLocalPort();
    }

    /**
     * GETs without a body: the handlers answer without reading any, and a POST whose body arrived
     * after the answer would end the connection (Jetty closes one that has unread content).
     */
    private static void callInSequence(int port, int requests) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < requests; i++) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/")).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode());
                assertEquals("{\"n\":" + (i + 1) + "}", response.body());
            }
        }
    }

    @Test
    void answersRunOnTheSelectorThreadThatHandledTheRequest_andTheConnectionResumesThereWithoutAPoolThread()
            throws Exception {
        callInSequence(start(true), REQUESTS);

        assertEquals(REQUESTS, answeringThreads.size());
        assertEquals(handlingThreads, answeringThreads, "every answer was written by the selector thread");
        assertEquals(0, pool.dispatchedConnections.get(), "no connection was handed to a pool thread");
    }

    @Test
    void answersWrittenElsewhere_handTheConnectionToAPoolThread() throws Exception {
        // The cost SelectorThreads removes, shown on the same server: Jetty's usual resumption.
        callInSequence(start(false), REQUESTS);

        assertTrue(answeringThreads.stream().allMatch("elsewhere"::equals));
        assertTrue(pool.dispatchedConnections.get() > 0, "Jetty dispatched " + pool.dispatchedConnections.get());
    }

    @Test
    void tasksQueuedTogetherRunInOrderOnTheSelectorThread() throws Exception {
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch ran = new CountDownLatch(1000);
        int port = start(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String selector = Thread.currentThread().getName();
                var executor = SelectorThreads.of(request);
                elsewhere.execute(() -> {
                    for (int i = 0; i < 1000; i++) {
                        int n = i;
                        executor.execute(() -> {
                            order.add(n);
                            threads.add(Thread.currentThread().getName());
                            ran.countDown();
                        });
                    }
                    executor.execute(() -> Responses.json(response, callback, 200, "{\"selector\":\"" + selector + "\"}"));
                });
                return true;
            }
        });
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            String body = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(ran.await(10, TimeUnit.SECONDS));
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                expected.add(i);
            }
            assertEquals(expected, order);
            assertTrue(threads.stream().allMatch(t -> body.contains("\"" + t + "\"")), body + " vs " + threads.get(0));
        }
    }
}
