package dev.overtime.platform.appsync;

import dev.overtime.platform.appsync.realtime.SubscriptionGateway;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Turns a request into a GraphQL WebSocket connection of the protocol it asks for. */
@FunctionalInterface
public interface WebSocketUpgrades {

    /** @return false if the request is not a WebSocket upgrade (nothing was written) */
    boolean upgrade(Request request, Response response, Callback callback, SubscriptionGateway gateway);
}
