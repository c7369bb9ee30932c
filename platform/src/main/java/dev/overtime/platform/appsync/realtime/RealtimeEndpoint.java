package dev.overtime.platform.appsync.realtime;

import dev.overtime.platform.security.RequestOrigin;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * The GraphQL WebSocket endpoint of every API on one Jetty server, in both dialects clients use:
 * <ul>
 *   <li>{@code /graphql/realtime} offering {@code graphql-ws} (and optionally {@code header-<base64url>}):
 *       AppSync's real-time protocol; the server selects {@code graphql-ws}.</li>
 *   <li>{@code /graphql} offering {@code graphql-transport-ws}: the open protocol of npm {@code graphql-ws},
 *       Apollo's {@code GraphQLWsLink} and urql.</li>
 * </ul>
 * A door calls {@link #upgrade} from its (non-blocking) handler with the API the port belongs to:
 * <pre>{@code
 * RealtimeEndpoint realtime = RealtimeEndpoint.install(server, RealtimeSettings.defaults());
 * ...
 * public boolean handle(Request request, Response response, Callback callback) {
 *     if (realtime.upgrade(request, response, callback, api)) {
 *         return true;
 *     }
 *     ... // plain HTTP
 * }
 * }</pre>
 * No context handler is needed: the WebSocket container hangs off the {@link Server} itself.
 */
public final class RealtimeEndpoint {

    public static final String APPSYNC_PATH = "/graphql/realtime";
    public static final String TRANSPORT_WS_PATH = "/graphql";
    static final String APPSYNC_SUBPROTOCOL = "graphql-ws";
    static final String TRANSPORT_WS_SUBPROTOCOL = "graphql-transport-ws";

    private final ServerWebSocketContainer container;
    private final RealtimeSettings settings;
    private final Scheduler scheduler;
    private final Executor executor;

    private RealtimeEndpoint(ServerWebSocketContainer container, RealtimeSettings settings, Scheduler scheduler,
                             Executor executor) {
        this.container = container;
        this.settings = settings;
        this.scheduler = scheduler;
        this.executor = executor;
    }

    /**
     * Ensures the server's WebSocket container and configures it; call before or after the server starts.
     * One endpoint serves every API on the server (the gateway is chosen per {@link #upgrade}).
     */
    public static RealtimeEndpoint install(Server server, RealtimeSettings settings) throws Exception {
        ServerWebSocketContainer container = ServerWebSocketContainer.ensure(server);
        container.setIdleTimeout(settings.idleTimeout());
        container.setMaxTextMessageSize(settings.maxMessageChars());
        if (server.isStarted() && !container.isStarted()) {
            container.start();
        }
        return new RealtimeEndpoint(container, settings, server.getScheduler(), server.getThreadPool());
    }

    /**
     * Upgrades a WebSocket handshake to {@code gateway}'s GraphQL subscriptions. Returns false, touching
     * nothing, when the request is not a WebSocket handshake; otherwise completes {@code callback}: a handshake
     * on another path gets 404, one offering neither dialect's subprotocol is accepted and closed with 4406.
     */
    public boolean upgrade(Request request, Response response, Callback callback, SubscriptionGateway gateway) {
        if (!isWebSocketHandshake(request)) {
            return false;
        }
        String path = Request.getPathInContext(request);
        if (!APPSYNC_PATH.equals(path) && !TRANSPORT_WS_PATH.equals(path)) {
            Response.writeError(request, response, callback, 404,
                    "GraphQL WebSockets answer at " + APPSYNC_PATH + " (AppSync) and " + TRANSPORT_WS_PATH
                            + " (graphql-transport-ws)");
            return true;
        }
        boolean upgraded = container.upgrade((upgradeRequest, upgradeResponse, upgradeCallback) ->
                connection(path, upgradeRequest, upgradeResponse, gateway), request, response, callback);
        if (!upgraded) {
            Response.writeError(request, response, callback, 400, "not a valid WebSocket handshake");
        }
        return true;
    }

    private Object connection(String path, ServerUpgradeRequest request, ServerUpgradeResponse response,
                              SubscriptionGateway gateway) {
        List<String> offered = request.getSubProtocols();
        if (APPSYNC_PATH.equals(path) && offered.contains(APPSYNC_SUBPROTOCOL)) {
            response.setAcceptedSubProtocol(APPSYNC_SUBPROTOCOL);
            Fields query = Request.extractQueryParameters(request);
            return new AppSyncConnection(gateway, settings, scheduler, executor,
                    HandshakeAuth.from(offered, query.getValue("header")), RequestOrigin.of(request));
        }
        if (TRANSPORT_WS_PATH.equals(path) && offered.contains(TRANSPORT_WS_SUBPROTOCOL)) {
            response.setAcceptedSubProtocol(TRANSPORT_WS_SUBPROTOCOL);
            return new TransportWsConnection(gateway, settings, scheduler, executor, RequestOrigin.of(request));
        }
        String expected = APPSYNC_PATH.equals(path) ? APPSYNC_SUBPROTOCOL : TRANSPORT_WS_SUBPROTOCOL;
        return new RefusedConnection(TransportWsConnection.SUBPROTOCOL_NOT_ACCEPTABLE,
                "Subprotocol not acceptable: " + path + " speaks " + expected);
    }

    private static boolean isWebSocketHandshake(Request request) {
        if (HttpMethod.CONNECT.is(request.getMethod())) {
            // HTTP/2 and HTTP/3 carry the handshake as an extended CONNECT (RFC 8441)
            return "websocket".equalsIgnoreCase(request.getConnectionMetaData().getProtocol())
                    || request.getHeaders().contains(HttpHeader.C_PROTOCOL);
        }
        return HttpMethod.GET.is(request.getMethod())
                && "websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeader.UPGRADE));
    }
}
