package dev.overtime.platform.async;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.async.store.EventStore;
import dev.overtime.platform.function.FunctionVersion;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The effective EventInvokeConfig of every function and qualifier. A template's
 * {@code EventInvokeConfig} is applied at each start, as a deployment overwrites what it manages;
 * configurations set through the API are stored, so they survive a restart for functions whose
 * template sets none.
 *
 * <p>Configurations are kept by {@linkplain #key key}: {@code name} for the function's own (which
 * is also {@code $LATEST}'s, as on AWS) and {@code name:qualifier} for a version's or an alias's. An
 * event follows its qualifier's configuration when there is one, else its function's.
 */
public final class EventInvokeConfigs {

    private final EventStore store;
    private final ObjectMapper json;
    private final Map<String, EventInvokeConfig> byKey = new ConcurrentHashMap<>();

    EventInvokeConfigs(EventStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /**
     * The key of a qualifier's configuration: {@code function} when the qualifier is null or
     * {@code $LATEST}, else {@code function:qualifier}.
     */
    public static String key(String function, String qualifier) {
        return qualifier == null || qualifier.isEmpty() || qualifier.equals(FunctionVersion.LATEST) ? function
                : function + ":" + qualifier;
    }

    /** A key as a template or an older store may write it ({@code name:$LATEST}), in its one form. */
    private static String normal(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? key : key(key.substring(0, colon), key.substring(colon + 1));
    }

    /** Loads the stored configurations, then lays the template's (keyed by name or name:qualifier) over them. */
    void load(Map<String, EventInvokeConfig> fromTemplate) {
        byKey.putAll(parse(store.configurations().join()));
        fromTemplate.forEach((key, config) -> put(normal(key), config).join());
    }

    /**
     * Reads the stored configurations again, after another node sharing the store changed them; the
     * template's were stored at start, so the store holds them too.
     */
    void reload() {
        store.configurations().thenAccept(stored -> {
            Map<String, EventInvokeConfig> fresh = parse(stored);
            byKey.putAll(fresh);
            byKey.keySet().retainAll(fresh.keySet());
        });
    }

    private Map<String, EventInvokeConfig> parse(Map<String, String> documents) {
        Map<String, EventInvokeConfig> parsed = new java.util.HashMap<>();
        documents.forEach((key, document) -> {
            try {
                parsed.put(normal(key), json.readValue(document, EventInvokeConfig.class));
            } catch (JsonProcessingException e) {
                System.err.println("overtime: ignoring an unreadable stored EventInvokeConfig of " + key);
            }
        });
        return parsed;
    }

    /** The configuration an unqualified event of {@code function} follows. */
    public EventInvokeConfig of(String function) {
        return of(function, null);
    }

    /**
     * The configuration an event invoked with {@code qualifier} follows: the qualifier's own, else the
     * function's, else AWS's defaults.
     */
    public EventInvokeConfig of(String function, String qualifier) {
        EventInvokeConfig own = byKey.get(key(function, qualifier));
        return own != null ? own : byKey.getOrDefault(function, EventInvokeConfig.DEFAULT);
    }

    /** The configuration stored under {@code key} ({@link #key}), if any: no fallback to the function's. */
    public Optional<EventInvokeConfig> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** Every configuration, by key. */
    public Map<String, EventInvokeConfig> all() {
        return new TreeMap<>(byKey);
    }

    /** The configurations of one function: its own and its qualifiers', by key, the function's first. */
    public Map<String, EventInvokeConfig> ofFunction(String function) {
        Map<String, EventInvokeConfig> found = new TreeMap<>();
        byKey.forEach((key, config) -> {
            if (key.equals(function) || key.startsWith(function + ":")) {
                found.put(key, config);
            }
        });
        return found;
    }

    /** Stores and applies a configuration under {@code key} ({@link #key}); it applies once the future completes. */
    public CompletableFuture<EventInvokeConfig> put(String key, EventInvokeConfig config) {
        String document;
        try {
            document = json.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
        return store.putConfiguration(key, document).thenApply(done -> {
            byKey.put(key, config);
            return config;
        });
    }

    public CompletableFuture<Void> delete(String key) {
        return store.deleteConfiguration(key).thenRun(() -> byKey.remove(key));
    }
}
