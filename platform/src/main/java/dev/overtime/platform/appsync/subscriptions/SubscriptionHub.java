package dev.overtime.platform.appsync.subscriptions;

import dev.overtime.platform.appsync.realtime.Subscription;
import dev.overtime.platform.appsync.realtime.SubscriptionSink;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One API's publishes and subscribers. Every publish gets the next sequence number and is handed to the
 * matching subscribers under one lock, so each subscriber sees the API's publishes in one order, each
 * once. The last publishes are kept (bounded by count, age and bytes) for subscribers that ask to replay
 * what they missed: a subscriber registered with {@code replayAfter} gets every kept event after that
 * number, then the live ones, without a gap or a duplicate, because both happen under the same lock.
 * Sinks only queue frames, so holding the lock while calling them is cheap.
 */
public final class SubscriptionHub {

    /**
     * Where publishes go when several nodes serve the API: the shared store numbers them in one order
     * for every node, and each node's hub gets them back through {@link #deliver}.
     */
    @FunctionalInterface
    public interface Relay {
        void publish(String mutationField, List<String> subscriptionFields, Object value, int bytes);
    }

    private final SubscriptionSettings settings;
    private volatile Relay relay;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<PublishedEvent> kept = new ArrayDeque<>();
    private final Map<String, List<Subscriber>> byField = new HashMap<>();
    private long keptBytes;
    private long lastSeq;
    private boolean closed;

    public SubscriptionHub(SubscriptionSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public SubscriptionSettings settings() {
        return settings;
    }

    /**
     * Publishes a mutation's result to the given subscription fields.
     *
     * @param bytes the size of the result as JSON, checked against the limit by the caller
     * @return the event's sequence number
     */
    public long publish(String mutationField, List<String> subscriptionFields, Object value, int bytes) {
        Relay through = relay;
        if (through != null) {
            through.publish(mutationField, subscriptionFields, value, bytes);
            return -1;
        }
        lock.lock();
        try {
            PublishedEvent event = new PublishedEvent(++lastSeq, mutationField, subscriptionFields, value,
                    clock.millis(), bytes);
            add(event);
            return event.seq;
        } finally {
            lock.unlock();
        }
    }

    /** From now on, publishes go through {@code relay} and come back numbered through {@link #deliver}. */
    public void relayThrough(Relay relay) {
        this.relay = relay;
    }

    /**
     * A publish numbered elsewhere (by the store nodes share), delivered in number order; one this hub
     * already has is ignored, so a relay may deliver again what it is unsure of.
     */
    public void deliver(long seq, String mutationField, List<String> subscriptionFields, Object value,
                        long atMillis, int bytes) {
        lock.lock();
        try {
            if (seq <= lastSeq || closed) {
                return;
            }
            lastSeq = seq;
            add(new PublishedEvent(seq, mutationField, subscriptionFields, value, atMillis, bytes));
        } finally {
            lock.unlock();
        }
    }

    private void add(PublishedEvent event) {
        keep(event);
        for (String field : event.subscriptionFields) {
            for (Subscriber subscriber : byField.getOrDefault(field, List.of())) {
                subscriber.offer(event);
            }
        }
    }

    /**
     * Registers a subscriber; it is live from this call's return. Its events are held until
     * {@link Subscription#acknowledged()}.
     *
     * @param replayAfter replay the kept events numbered after this, or null for live events only
     */
    public Subscription subscribe(String field, EventFilter filter, PayloadProjection projection,
                                  SubscriptionSink sink, Long replayAfter) {
        lock.lock();
        try {
            Subscriber subscriber = new Subscriber(field, filter, projection, sink);
            if (closed) {
                sink.ended();
                return subscriber;
            }
            if (replayAfter != null) {
                trim();
                for (PublishedEvent event : kept) {
                    if (event.seq > replayAfter && event.subscriptionFields.contains(field)) {
                        subscriber.offer(event);
                    }
                }
            }
            byField.computeIfAbsent(field, f -> new ArrayList<>()).add(subscriber);
            return subscriber;
        } finally {
            lock.unlock();
        }
    }

    /** The number of the last publish, 0 before any. */
    public long lastSeq() {
        lock.lock();
        try {
            return lastSeq;
        } finally {
            lock.unlock();
        }
    }

    /** How many subscriptions are live. */
    public int subscriberCount() {
        lock.lock();
        try {
            return byField.values().stream().mapToInt(List::size).sum();
        } finally {
            lock.unlock();
        }
    }

    /** Ends every subscription: the API is stopping. */
    public void close() {
        List<Subscriber> all = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            byField.values().forEach(all::addAll);
            byField.clear();
            kept.clear();
        } finally {
            lock.unlock();
        }
        all.forEach(s -> s.sink.ended());
    }

    private void keep(PublishedEvent event) {
        kept.addLast(event);
        keptBytes += event.bytes;
        trim();
    }

    private void trim() {
        long oldest = clock.millis() - settings.replayAge().toMillis();
        while (!kept.isEmpty() && (kept.size() > settings.replayEvents() || keptBytes > settings.replayBytes()
                || kept.peekFirst().atMillis < oldest)) {
            keptBytes -= kept.removeFirst().bytes;
        }
    }

    private final class Subscriber implements Subscription {
        private final String field;
        private final EventFilter filter;
        private final PayloadProjection projection;
        private final SubscriptionSink sink;
        /** Payloads waiting for the client's ack; null once acknowledged. Guarded by the hub's lock. */
        private List<String> held = new ArrayList<>();
        private boolean stopped;

        Subscriber(String field, EventFilter filter, PayloadProjection projection, SubscriptionSink sink) {
            this.field = field;
            this.filter = filter;
            this.projection = projection;
            this.sink = sink;
        }

        void offer(PublishedEvent event) {
            if (stopped || !filter.matches(event.value)) {
                return;
            }
            String payload = event.payloadFor(projection);
            if (held != null) {
                held.add(payload);
            } else {
                sink.next(payload);
            }
        }

        @Override
        public void acknowledged() {
            lock.lock();
            try {
                if (held == null) {
                    return;
                }
                List<String> waiting = held;
                held = null;
                if (!stopped) {
                    waiting.forEach(sink::next);
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void stop() {
            lock.lock();
            try {
                if (stopped) {
                    return;
                }
                stopped = true;
                held = null;
                List<Subscriber> list = byField.get(field);
                if (list != null) {
                    for (Iterator<Subscriber> it = list.iterator(); it.hasNext(); ) {
                        if (it.next() == this) {
                            it.remove();
                            break;
                        }
                    }
                    if (list.isEmpty()) {
                        byField.remove(field);
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
