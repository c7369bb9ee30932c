/**
 * GraphQL subscriptions over WebSocket, in AppSync's real-time dialect ({@code /graphql/realtime},
 * subprotocol {@code graphql-ws}) and in graphql-transport-ws ({@code /graphql}), both on one
 * {@link dev.overtime.platform.appsync.realtime.SubscriptionGateway} per API.
 *
 * <p>Threads (none is parked per connection):
 * <pre>
 * [jetty reader]   onWebSocketText: one message at a time per connection
 *                    start/subscribe -> gateway.start(request, operation)      (events may already arrive)
 *                                    -> operation.live(): start_ack, early events, then LIVE
 * [gateway thread] operation.next(payloadJson) -> Outbound.send(frame)           (one thread per sink at a time)
 * [scheduler]      ka / ping every keepAliveInterval; graphql-transport-ws init timeout (4408)
 * [jetty writer]   flushes queued frames in send order; a client more than maxQueuedChars behind is
 *                  closed (1008) and disconnected from a pool thread
 * [close]          onWebSocketClose -> every operation stopped (Subscription.stop)
 * </pre>
 * Lock order: an {@code Operation}'s monitor, then its connection's {@code Outbound}; nothing calls back into an
 * operation while holding the outbound lock.
 */
package dev.overtime.platform.appsync.realtime;
