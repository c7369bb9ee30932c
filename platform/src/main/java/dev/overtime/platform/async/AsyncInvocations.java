package dev.overtime.platform.async;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.async.store.EventStore;
import dev.overtime.platform.async.store.EventStoreChoice;
import dev.overtime.platform.async.store.StoreListener;
import dev.overtime.platform.function.FunctionRegistry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Asynchronous invocation: accepts Event invokes into the durable store and runs them later with
 * AWS's retries, event age and destinations. Events found in the store at start (queued, or in flight
 * when the platform died) are delivered again.
 */
public final class AsyncInvocations implements AutoCloseable {

    private final EventStore store;
    private final EventInvokeConfigs configs;
    private final EventDispatcher dispatcher;
    private final AsyncSettings settings;
    private final Set<String> recovered;

    private AsyncInvocations(EventStore store, EventInvokeConfigs configs, EventDispatcher dispatcher,
                             AsyncSettings settings, Set<String> recovered) {
        this.recovered = recovered;
        this.store = store;
        this.configs = configs;
        this.dispatcher = dispatcher;
        this.settings = settings;
    }

    /**
     * Opens the chosen store (by default in {@code dataDir/async}), applies the template's configurations, and puts what
     * was in flight when the platform last stopped back in the queue; {@link #deliverRecovered} starts it.
     *
     * @param arnOf   a function's unqualified ARN
     * @param notices one-line messages for the console (retries, dead events)
     * @param nodeId  this platform among the nodes that share a store
     */
    public static AsyncInvocations start(Path dataDir, EventStoreChoice storeChoice, String nodeId,
                                         AsyncSettings settings, FunctionRegistry functions,
                                         Function<String, String> arnOf, String region,
                                         ScheduledExecutorService timers, ObjectMapper json,
                                         Map<String, EventInvokeConfig> fromTemplate,
                                         Consumer<String> notices) throws Exception {
        EventStore store = storeChoice.open(dataDir, nodeId);
        try {
            EventInvokeConfigs configs = new EventInvokeConfigs(store, json);
            configs.load(fromTemplate);
            EventDispatcher dispatcher = new EventDispatcher(store, configs, settings, functions, arnOf, region, timers,
                    json, notices);
            return new AsyncInvocations(store, configs, dispatcher, settings, store.recover().join());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Starts delivering the events an earlier run left in the store; call once the doors are open. */
    public void deliverRecovered() {
        recovered.forEach(dispatcher::wake);
        store.listen(new StoreListener() {
            @Override
            public void eventsArrived(String target) {
                dispatcher.wake(target);
            }

            @Override
            public void configurationsChanged() {
                configs.reload();
            }
        });
    }

    /** Events waiting, retrying or in flight, over all targets (and all nodes sharing the store). */
    public CompletableFuture<Long> depth() {
        return store.depth();
    }

    /** The store's kind, for health checks: {@code sqlite} or {@code postgresql}. */
    public String storeKind() {
        return store.kind();
    }

    /**
     * Stores the event; the future completes once it is on disk, which is when the caller may get 202.
     *
     * @param qualifier what the caller named ({@code $LATEST}, a version or an alias), or {@code null}:
     *                  each attempt runs the version it names then
     */
    public CompletableFuture<Void> accept(String requestId, String function, String qualifier, byte[] payload,
                                         String clientContext) {
        QueuedEvent event = QueuedEvent.accepted(requestId, function,
                qualifier == null || qualifier.isEmpty() ? null : qualifier, payload, clientContext,
                settings.clock().millis());
        return store.append(List.of(event)).thenRun(() -> dispatcher.wake(function));
    }

    public EventInvokeConfigs configs() {
        return configs;
    }

    /** Events of a function, whatever their qualifiers, (or of a webhook URL) in the given states, oldest first. */
    public CompletableFuture<List<QueuedEvent>> events(String target, Set<EventState> states, int limit) {
        return store.list(target, states, limit);
    }

    public CompletableFuture<java.util.Optional<QueuedEvent>> event(String id) {
        return store.find(id);
    }

    public CompletableFuture<Map<EventState, Long>> counts(String target) {
        return store.counts(target);
    }

    /** Puts one dead event ({@code id}) or all dead events ({@code id == null}) back in the queue. */
    public CompletableFuture<List<QueuedEvent>> redrive(String target, String id) {
        return store.redrive(target, id, settings.clock().millis()).thenApply(redriven -> {
            if (!redriven.isEmpty()) {
                dispatcher.wake(target);
            }
            return redriven;
        });
    }

    /** Looks for due events now, e.g. after the clock was moved in a test. */
    public void wakeAll() {
        dispatcher.wakeAll();
    }

    /** Stops delivery first; call before the environments stop, so their last answers are not recorded as failures. */
    public void stopDelivery() {
        dispatcher.stop();
    }

    @Override
    public void close() {
        dispatcher.stop();
        store.close();
    }
}
