package dev.overtime.platform.async;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.async.store.EventStore;
import dev.overtime.platform.function.FunctionRegistry;
import dev.overtime.platform.function.FunctionVersion;
import dev.overtime.platform.invocation.RequestIds;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the queue: one {@link TargetQueue} per function and per webhook, woken when events arrive,
 * when an attempt ends and when a retry falls due. A function's events share one queue whatever
 * their qualifiers, as all its versions share its concurrency; each event runs the version its
 * qualifier names at the time of the attempt.
 */
final class EventDispatcher {

    private final EventStore store;
    private final EventInvokeConfigs configs;
    private final RetryPolicy policy;
    private final AsyncSettings settings;
    private final FunctionRegistry functions;
    private final Function<String, String> arnOf;
    private final String region;
    private final ScheduledExecutorService timers;
    private final DestinationRecord records;
    private final ObjectMapper json;
    private final Consumer<String> notices;
    private final Map<String, TargetQueue> queues = new ConcurrentHashMap<>();
    private final HttpClient webhooks = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private volatile boolean stopped;

    EventDispatcher(EventStore store, EventInvokeConfigs configs, AsyncSettings settings, FunctionRegistry functions,
                    Function<String, String> arnOf, String region, ScheduledExecutorService timers, ObjectMapper json,
                    Consumer<String> notices) {
        this.store = store;
        this.configs = configs;
        this.settings = settings;
        this.policy = new RetryPolicy(settings);
        this.functions = functions;
        this.arnOf = arnOf;
        this.region = region;
        this.timers = timers;
        this.json = json;
        this.records = new DestinationRecord(json.getFactory());
        this.notices = notices;
    }

    /** Wakes the queue of {@code target}; a target that is neither a served function nor a webhook is ignored. */
    void wake(String target) {
        TargetQueue queue = queue(target);
        if (queue != null) {
            queue.wake();
        }
    }

    void wakeAll() {
        queues.values().forEach(TargetQueue::wake);
    }

    private TargetQueue queue(String target) {
        TargetQueue queue = queues.get(target);
        if (queue != null) {
            return queue;
        }
        Deliverer deliverer;
        if (QueuedEvent.isWebhook(target)) {
            deliverer = new WebhookDeliverer(webhooks, json, target);
        } else {
            dev.overtime.platform.function.DeployedFunction function = functions.find(target).orElse(null);
            if (function == null) {
                notices.accept("events for " + target + " stay queued: the template serves no such function");
                return null;
            }
            deliverer = new FunctionDeliverer(function, arnOf.apply(target));
        }
        return queues.computeIfAbsent(target, t -> new TargetQueue(t, deliverer, this, timers));
    }

    /** How many of a target's events are in flight, from memory. */
    int inFlight(String target) {
        TargetQueue queue = queues.get(target);
        return queue == null ? 0 : queue.inFlight();
    }

    /**
     * The destination record for {@code event}, as a new event bound for {@code destination}, or none
     * when no destination is configured. Only function events produce records.
     */
    List<QueuedEvent> records(QueuedEvent event, String destination, String condition, int invokeCount,
                              byte[] response, boolean failed, String executedVersion) {
        if (destination == null || event.isWebhook()) {
            return List.of();
        }
        DestinationTargets.Destination to;
        try {
            to = DestinationTargets.parse(destination, region);
        } catch (IllegalArgumentException e) {
            notices.accept("no destination record for " + event.id() + ": " + e.getMessage());
            return List.of();
        }
        long now = now();
        String invokedArn = arnOf.apply(event.target()) + ":"
                + (event.qualifier() == null ? FunctionVersion.LATEST : event.qualifier());
        byte[] record = records.build(event, invokedArn, condition, invokeCount, response, failed, executedVersion,
                Instant.ofEpochMilli(now));
        return List.of(QueuedEvent.accepted(RequestIds.next(), to.target(), to.qualifier(), record, null, now));
    }

    EventStore store() {
        return store;
    }

    RetryPolicy policy() {
        return policy;
    }

    /** The configuration {@code event} follows: its qualifier's, else its function's, else the defaults. */
    EventInvokeConfig configOf(QueuedEvent event) {
        return event.isWebhook() ? EventInvokeConfig.DEFAULT : configs.of(event.target(), event.qualifier());
    }

    long now() {
        return settings.clock().millis();
    }

    void notice(String message) {
        notices.accept(message);
    }

    boolean stopped() {
        return stopped;
    }

    /** Stops starting attempts; what is in flight stays in flight in the store and runs again after a restart. */
    void stop() {
        stopped = true;
        queues.values().forEach(TargetQueue::cancelTimer);
        webhooks.shutdownNow();
    }
}
