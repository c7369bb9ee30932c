package dev.overtime.platform.appsync.subscriptions;

import java.time.Duration;

/**
 * Limits of an API's subscriptions.
 *
 * @param replayEvents      the most events kept for replay
 * @param replayAge         how long an event is kept for replay
 * @param replayBytes       the most payload bytes kept for replay
 * @param maxPayloadBytes   the largest subscription payload; a larger publish fails (AppSync: 240 KB, dropped
 *                          silently there)
 */
public record SubscriptionSettings(int replayEvents, Duration replayAge, long replayBytes, int maxPayloadBytes) {

    public static final SubscriptionSettings DEFAULTS =
            new SubscriptionSettings(10_000, Duration.ofMinutes(15), 64L * 1024 * 1024, 240 * 1024);

    public SubscriptionSettings {
        if (replayEvents < 0 || replayBytes < 0 || maxPayloadBytes <= 0 || replayAge.isNegative()) {
            throw new IllegalArgumentException("subscription limits must not be negative");
        }
    }
}
