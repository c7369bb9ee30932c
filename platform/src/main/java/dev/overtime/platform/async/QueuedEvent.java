package dev.overtime.platform.async;

import java.nio.charset.StandardCharsets;

/**
 * An accepted asynchronous event as the store holds it.
 *
 * @param seq           arrival order across the whole store
 * @param id            the request id the caller got with its 202; every attempt reuses it, as on AWS
 * @param target        the function name, or a webhook URL for destination records bound for one
 * @param qualifier     the qualifier the caller named ({@code $LATEST}, a version or an alias), or
 *                      {@code null} when it named none; an alias is resolved again at every attempt
 * @param payload       the event, a JSON document
 * @param clientContext the caller's decoded client context, or {@code null}
 * @param acceptedAt    epoch millis of the 202: the event's age counts from here
 * @param attempts      attempts that reached the function
 * @param throttles     attempts refused for concurrency (retried with backoff, not counted as attempts)
 * @param dueAt         epoch millis of the next attempt
 * @param state         where the event is
 * @param lastError     what went wrong last, or {@code null}
 * @param condition     for a dead event: {@code RetriesExhausted} or {@code EventAgeExceeded}
 * @param executedVersion the version the last attempt ran ({@code $LATEST} or a number), or {@code null}
 *                      when no attempt ran the function (none yet, or its qualifier named nothing)
 */
public record QueuedEvent(
        long seq,
        String id,
        String target,
        String qualifier,
        byte[] payload,
        String clientContext,
        long acceptedAt,
        int attempts,
        int throttles,
        long dueAt,
        EventState state,
        String lastError,
        String condition,
        String executedVersion) {

    /** A new event, not yet stored: its {@code seq} is assigned by the store. */
    public static QueuedEvent accepted(String id, String target, String qualifier, byte[] payload,
                                       String clientContext, long now) {
        return new QueuedEvent(0, id, target, qualifier, payload, clientContext, now, 0, 0, now, EventState.QUEUED,
                null, null, null);
    }

    /** A new unqualified event. */
    public static QueuedEvent accepted(String id, String target, byte[] payload, String clientContext, long now) {
        return accepted(id, target, null, payload, clientContext, now);
    }

    public boolean isWebhook() {
        return isWebhook(target);
    }

    public static boolean isWebhook(String target) {
        return target.startsWith("http://") || target.startsWith("https://");
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
