package dev.overtime.platform.appsync.subscriptions;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One publish: a mutation's result as its caller selected it, numbered in the API's publish order.
 * What each distinct subscription query makes of it is written once and shared by its subscribers.
 */
final class PublishedEvent {

    final long seq;
    final String mutationField;
    final List<String> subscriptionFields;
    final Object value;
    final long atMillis;
    final int bytes;
    /** Guarded by the hub's lock. */
    private final Map<PayloadProjection, String> payloads = new IdentityHashMap<>(2);

    PublishedEvent(long seq, String mutationField, List<String> subscriptionFields, Object value, long atMillis,
                   int bytes) {
        this.seq = seq;
        this.mutationField = mutationField;
        this.subscriptionFields = subscriptionFields;
        this.value = value;
        this.atMillis = atMillis;
        this.bytes = bytes;
    }

    String payloadFor(PayloadProjection projection) {
        return payloads.computeIfAbsent(projection, p -> p.payload(seq, value));
    }
}
