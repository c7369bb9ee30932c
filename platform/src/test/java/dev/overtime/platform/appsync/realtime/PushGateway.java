package dev.overtime.platform.appsync.realtime;

import dev.overtime.platform.security.RequestOrigin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A gateway the test pushes events into. It accepts connections carrying {@link #API_KEY} as
 * {@code x-api-key}; refuses queries containing {@code notASubscription}; throws on queries containing
 * {@code explode}; and, for a start whose extensions hold {@code {"early": n}}, delivers n events from inside
 * {@code start} (as a replay would).
 */
final class PushGateway implements SubscriptionGateway {

    static final String API_KEY = "da2-testkey0123456789abcdefghij";

    final LinkedBlockingQueue<StartRequest> starts = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<StartRequest> stops = new LinkedBlockingQueue<>();
    final List<Map<String, String>> connects = new CopyOnWriteArrayList<>();
    private final List<Running> running = new ArrayList<>();

    @Override
    public Optional<RealtimeError> connect(Map<String, String> authHeaders, RequestOrigin origin) {
        connects.add(authHeaders);
        return API_KEY.equals(authHeaders.get("x-api-key")) ? Optional.empty()
                : Optional.of(RealtimeError.unauthorized());
    }

    @Override
    public Subscription start(StartRequest request, SubscriptionSink sink) throws SubscriptionRefused {
        if (request.query().contains("explode")) {
            throw new IllegalStateException("a bug in the engine");
        }
        if (request.query().contains("notASubscription")) {
            throw new SubscriptionRefused(List.of(Map.of("errorType", "ValidationError",
                    "message", "Validation error: not a subscription")), false);
        }
        Running subscription = new Running(request, sink);
        if (request.extensions().get("early") instanceof Integer early) {
            for (int i = 0; i < early; i++) {
                sink.next(event("early", i));
            }
        }
        synchronized (this) {
            running.add(subscription);
        }
        starts.add(request);
        return subscription;
    }

    /** Sends {@code payloadJson} to every running subscription, one sink at a time. */
    synchronized void publish(String payloadJson) {
        running.forEach(subscription -> subscription.sink.next(payloadJson));
    }

    /** Ends every running subscription from the server's side. */
    synchronized void endAll() {
        running.forEach(subscription -> subscription.sink.ended());
        running.clear();
    }

    synchronized int runningCount() {
        return running.size();
    }

    StartRequest awaitStart() throws InterruptedException {
        return await(starts, "a started subscription");
    }

    StartRequest awaitStop() throws InterruptedException {
        return await(stops, "a stopped subscription");
    }

    static String event(String stream, int seq) {
        return "{\"data\":{\"onChunk\":{\"streamId\":\"" + stream + "\",\"seq\":" + seq + "}}}";
    }

    private static <T> T await(LinkedBlockingQueue<T> queue, String what) throws InterruptedException {
        T value = queue.poll(10, TimeUnit.SECONDS);
        if (value == null) {
            throw new AssertionError("no " + what + " within 10 s");
        }
        return value;
    }

    private final class Running implements Subscription {
        private final StartRequest request;
        private final SubscriptionSink sink;
        private boolean stopped;

        Running(StartRequest request, SubscriptionSink sink) {
            this.request = request;
            this.sink = sink;
        }

        @Override
        public void acknowledged() {
            // Pushed events go straight to the sink; the protocol's own buffering is what these tests check.
        }

        @Override
        public void stop() {
            synchronized (PushGateway.this) {
                if (stopped) {
                    return;
                }
                stopped = true;
                running.remove(this);
            }
            stops.add(request);
        }
    }
}
