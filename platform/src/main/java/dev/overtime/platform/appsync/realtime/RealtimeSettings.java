package dev.overtime.platform.appsync.realtime;

import java.time.Duration;

/**
 * Limits and timers of the GraphQL WebSocket endpoint.
 *
 * @param keepAliveInterval       how often an acknowledged connection hears from the server when idle
 *                                (AppSync {@code ka}, graphql-transport-ws {@code ping}); AppSync: 60 s
 * @param connectionTimeoutMs     the {@code connectionTimeoutMs} AppSync's {@code connection_ack} announces
 * @param initTimeout             how long graphql-transport-ws waits for {@code connection_init} (close 4408)
 * @param idleTimeout             a connection silent both ways this long is closed
 * @param maxSubscriptions        subscriptions one connection may hold at once (AppSync: 100)
 * @param maxQueuedChars          outbound text waiting for a slow client before it is disconnected
 * @param maxMessageChars         the largest message a client may send
 */
public record RealtimeSettings(Duration keepAliveInterval, long connectionTimeoutMs, Duration initTimeout,
                               Duration idleTimeout, int maxSubscriptions, long maxQueuedChars,
                               int maxMessageChars) {

    public RealtimeSettings {
        if (keepAliveInterval.isNegative() || keepAliveInterval.isZero()
                || initTimeout.isNegative() || initTimeout.isZero()
                || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("realtime timers must be positive");
        }
        if (maxSubscriptions < 1 || maxQueuedChars < 1 || maxMessageChars < 1) {
            throw new IllegalArgumentException("realtime limits must be positive");
        }
    }

    /** AppSync's figures: ka every 60 s, 300 000 ms connection timeout, 100 subscriptions per connection. */
    public static RealtimeSettings defaults() {
        return new RealtimeSettings(Duration.ofSeconds(60), 300_000, Duration.ofSeconds(3), Duration.ofMinutes(10),
                100, 16L * 1024 * 1024, 1024 * 1024);
    }

    public RealtimeSettings withKeepAliveInterval(Duration interval) {
        return new RealtimeSettings(interval, connectionTimeoutMs, initTimeout, idleTimeout, maxSubscriptions,
                maxQueuedChars, maxMessageChars);
    }

    public RealtimeSettings withInitTimeout(Duration timeout) {
        return new RealtimeSettings(keepAliveInterval, connectionTimeoutMs, timeout, idleTimeout, maxSubscriptions,
                maxQueuedChars, maxMessageChars);
    }

    public RealtimeSettings withMaxSubscriptions(int max) {
        return new RealtimeSettings(keepAliveInterval, connectionTimeoutMs, initTimeout, idleTimeout, max,
                maxQueuedChars, maxMessageChars);
    }

    public RealtimeSettings withMaxQueuedChars(long max) {
        return new RealtimeSettings(keepAliveInterval, connectionTimeoutMs, initTimeout, idleTimeout, maxSubscriptions,
                max, maxMessageChars);
    }
}
