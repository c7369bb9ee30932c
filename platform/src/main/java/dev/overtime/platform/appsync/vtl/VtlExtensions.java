package dev.overtime.platform.appsync.vtl;

import dev.overtime.platform.appsync.resolvers.ResolverContext;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code $extensions} for one template run: what it sets lands in the {@link ResolverContext}. */
public final class VtlExtensions {
    /** AppSync accepts at most this many {@code invalidateSubscriptions} per request. */
    static final int INVALIDATIONS_LIMIT = 5;

    private final ResolverContext ctx;

    VtlExtensions(ResolverContext ctx) {
        this.ctx = ctx;
    }

    public String setSubscriptionFilter(Object filter) {
        ctx.subscriptionFilter = filter(filter, "setSubscriptionFilter");
        return "";
    }

    public String setSubscriptionInvalidationFilter(Object filter) {
        ctx.invalidationFilter = filter(filter, "setSubscriptionInvalidationFilter");
        return "";
    }

    /** {@code {"subscriptionField": "onX", "payload": {...}}}. */
    public String invalidateSubscriptions(Object invalidation) {
        Map<String, Object> value = map(invalidation, "invalidateSubscriptions");
        if (!(value.get("subscriptionField") instanceof String)) {
            throw new IllegalArgumentException("$extensions.invalidateSubscriptions needs a subscriptionField");
        }
        if (ctx.invalidations.size() >= INVALIDATIONS_LIMIT) {
            throw new IllegalArgumentException("$extensions.invalidateSubscriptions may be called at most "
                    + INVALIDATIONS_LIMIT + " times per request");
        }
        ctx.invalidations.add(value);
        return "";
    }

    private static Map<String, Object> filter(Object filter, String method) {
        Map<String, Object> value = map(filter, method);
        if (!(value.get("filterGroup") instanceof java.util.List<?>)) {
            throw new IllegalArgumentException("$extensions." + method
                    + " expects {\"filterGroup\": [...]}, as $util.transform.toSubscriptionFilter makes");
        }
        return value;
    }

    private static Map<String, Object> map(Object value, String method) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("$extensions." + method + " expects an object");
        }
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        map.forEach((key, item) -> copy.put(String.valueOf(key), item));
        return copy;
    }
}
