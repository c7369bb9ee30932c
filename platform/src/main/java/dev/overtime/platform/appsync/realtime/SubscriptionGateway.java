package dev.overtime.platform.appsync.realtime;

import dev.overtime.platform.security.RequestOrigin;

import java.util.Map;
import java.util.Optional;

/**
 * What the WebSocket protocols need from a GraphQL API: checking a connection's credentials and starting
 * subscriptions. Both dialects ({@code graphql-ws} as AppSync speaks it, and {@code graphql-transport-ws})
 * sit on this one interface, so they deliver exactly the same events.
 */
public interface SubscriptionGateway {

    /**
     * Checks the credentials a client connects with: the handshake's auth headers (AppSync's
     * {@code header} parameter or {@code header-} subprotocol, e.g. {@code host} and {@code x-api-key}), or
     * {@code graphql-transport-ws}'s {@code connectionParams} (same names), from the handshake's {@code origin}.
     *
     * @return empty when accepted, else the error to refuse the connection with
     */
    Optional<RealtimeError> connect(Map<String, String> authHeaders, RequestOrigin origin);

    /**
     * Starts one subscription. Events go to {@code sink} one at a time, in publish order, never
     * concurrently; nothing published after this method returns is missed.
     *
     * @throws SubscriptionRefused when the query is invalid, not a subscription, or not authorized
     */
    Subscription start(StartRequest request, SubscriptionSink sink) throws SubscriptionRefused;
}
