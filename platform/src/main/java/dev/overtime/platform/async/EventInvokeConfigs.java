package dev.overtime.platform.async;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.async.store.EventStore;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The effective EventInvokeConfig of every function. A template's {@code EventInvokeConfig} is
 * applied at each start, as a deployment overwrites what it manages; configurations set through the
 * API are stored, so they survive a restart for functions whose template sets none.
 */
public final class EventInvokeConfigs {

    private final EventStore store;
    private final ObjectMapper json;
    private final Map<String, EventInvokeConfig> byFunction = new ConcurrentHashMap<>();

    EventInvokeConfigs(EventStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** Loads the stored configurations, then lays the template's over them (and stores those). */
    void load(Map<String, EventInvokeConfig> fromTemplate) {
        store.configurations().join().forEach((function, document) -> {
            try {
                byFunction.put(function, json.readValue(document, EventInvokeConfig.class));
            } catch (JsonProcessingException e) {
                System.err.println("overtime: ignoring an unreadable stored EventInvokeConfig of " + function);
            }
        });
        fromTemplate.forEach((function, config) -> put(function, config).join());
    }

    /** The configuration delivery follows: the function's own, or AWS's defaults. */
    public EventInvokeConfig of(String function) {
        return byFunction.getOrDefault(function, EventInvokeConfig.DEFAULT);
    }

    public Optional<EventInvokeConfig> find(String function) {
        return Optional.ofNullable(byFunction.get(function));
    }

    public Map<String, EventInvokeConfig> all() {
        return new TreeMap<>(byFunction);
    }

    /** Stores and applies a configuration; it takes effect once the future completes. */
    public CompletableFuture<EventInvokeConfig> put(String function, EventInvokeConfig config) {
        String document;
        try {
            document = json.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
        return store.putConfiguration(function, document).thenApply(done -> {
            byFunction.put(function, config);
            return config;
        });
    }

    public CompletableFuture<Void> delete(String function) {
        return store.deleteConfiguration(function).thenRun(() -> byFunction.remove(function));
    }
}
