package dev.overtime.bench;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The baseline of the GraphQL benchmark: the same exchange as a publish, with nothing of GraphQL in it.
 * A bare Jetty 12 server (core API, virtual threads, as {@link BaselineServer} and the platform) where a
 * WebSocket handshake on any path subscribes the connection, and an HTTP POST pushes its body, as it
 * came, as one text frame to every subscriber, then echoes the body as the answer.
 */
public final class PushBaselineServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final List<Session> subscribers = new CopyOnWriteArrayList<>();

    PushBaselineServer() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServerWebSocketContainer container = ServerWebSocketContainer.ensure(server);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if ("GET".equals(request.getMethod())) {
                    if (container.upgrade((upgradeRequest, upgradeResponse, upgradeCallback) -> {
                        if (!upgradeRequest.getSubProtocols().isEmpty()) {
                            upgradeResponse.setAcceptedSubProtocol(upgradeRequest.getSubProtocols().getFirst());
                        }
                        return new Subscriber(subscribers);
                    }, request, response, callback)) {
                        return true;
                    }
                    Response.writeError(request, response, callback, 400);
                    return true;
                }
                ByteBuffer body = Content.Source.asByteBuffer(request);
                String text = StandardCharsets.UTF_8.decode(body.slice()).toString();
                for (Session subscriber : subscribers) {
                    subscriber.sendText(text, org.eclipse.jetty.websocket.api.Callback.NOOP);
                }
                response.setStatus(200);
                response.getHeaders().put("Content-Type", "application/json");
                response.getHeaders().put("Content-Length", body.remaining());
                response.write(true, body, callback);
                return true;
            }
        });
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    /** How many WebSocket connections are open now. */
    int subscribers() {
        return subscribers.size();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** One subscribed connection. Public because Jetty binds a listener's methods through method handles. */
    public static final class Subscriber extends Session.Listener.AbstractAutoDemanding {
        private final List<Session> subscribers;

        Subscriber(List<Session> subscribers) {
            this.subscribers = subscribers;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            super.onWebSocketOpen(session);
            subscribers.add(session);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            subscribers.remove(getSession());
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            // A subscriber that went away at the end of a phase: it is no longer pushed to.
            subscribers.remove(getSession());
        }
    }
}
