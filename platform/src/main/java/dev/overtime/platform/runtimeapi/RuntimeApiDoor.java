package dev.overtime.platform.runtimeapi;

import dev.overtime.platform.environment.Environment;
import dev.overtime.platform.extensions.ExtensionsApiRoutes;
import dev.overtime.platform.environment.RuntimeApiBinder;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Runtime API door. Every environment gets its own loopback port, so a function process can only
 * ever see and answer its own environment's events: a connection belongs to the environment whose
 * port it was accepted on, never to anything the process sends.
 *
 * <p>The ports are accepted by the public connector's selectors, and their connections live there
 * too. Why: an invoke then need not cross threads inside the platform (the pool prefers a worker on
 * the caller's selector). With a connector (and a selector thread) per environment, each invoke woke
 * that thread to write the event and the public selector to write the answer; on one selector both
 * happen in the wake-ups the sockets cause anyway.
 */
public final class RuntimeApiDoor implements RuntimeApiBinder {

    private final ServerConnector selectorOwner;
    private final Map<Integer, Environment> ports = new ConcurrentHashMap<>();
    private final Map<Connection, Environment> connections = new ConcurrentHashMap<>();
    private final RuntimeApiRoutes routes;
    private final ExtensionsApiRoutes extensions;

    /**
     * @param selectorOwner    the connector whose selector accepts and serves every environment's port
     * @param maxStreamedBytes the largest streamed response a runtime may send
     * @param shapeStreams     whether streamed responses get AWS's bandwidth (6 MiB burst, then 2 MiB/s)
     * @param timers           where shaped streams wait
     * @param accountId        what extensions that accept the {@code accountId} feature are told at registration
     */
    public RuntimeApiDoor(ServerConnector selectorOwner, long maxStreamedBytes, boolean shapeStreams,
                          java.util.concurrent.ScheduledExecutorService timers, String accountId) {
        this.selectorOwner = selectorOwner;
        this.extensions = new ExtensionsApiRoutes(accountId);
        this.routes = new RuntimeApiRoutes(maxStreamedBytes, shapeStreams ? timers : null);
        selectorOwner.addEventListener(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                Environment env = ports.get(localPort(connection.getEndPoint().getLocalSocketAddress()));
                if (env != null) {
                    // A parked /next may wait for hours: runtime connections never idle out.
                    connection.getEndPoint().setIdleTimeout(-1);
                    connections.put(connection, env);
                }
            }

            @Override
            public void onClosed(Connection connection) {
                connections.remove(connection);
            }
        });
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Already failing; the original error is the one worth reporting.
        }
    }

    private static int localPort(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getPort() : -1;
    }

    @Override
    public Binding bind(Environment environment, ServerSockets sockets) {
        ServerSocketChannel channel = null;
        Closeable acceptor;
        int port = -1;
        try {
            // Checked, not assumed: a sandboxed environment's port is in a network of its own.
            for (int attempt = 0; port < 0; attempt++) {
                channel = sockets.open();
                channel.configureBlocking(false);
                int bound = localPort(channel.getLocalAddress());
                if (ports.putIfAbsent(bound, environment) == null) {
                    port = bound;
                } else if (attempt < 16) {
                    channel.close();
                } else {
                    throw new IOException("every port tried is another environment's");
                }
            }
            acceptor = selectorOwner.getSelectorManager().acceptor(channel);
        } catch (IOException | RuntimeException e) {
            // Nothing half-open stays behind: no port in the map, no bound channel.
            ports.remove(port, environment);
            closeQuietly(channel);
            throw new IllegalStateException("cannot open a Runtime API port: " + e.getMessage(), e);
        }
        ServerSocketChannel bound = channel;
        int boundPort = port;
        String address = "127.0.0.1:" + port;
        return new Binding() {
            @Override
            public String address() {
                return address;
            }

            @Override
            public void close() {
                closeQuietly(acceptor);
                closeQuietly(bound);
                ports.remove(boundPort, environment);
                // Its connections go too: a later environment may be given the same port number.
                connections.forEach((connection, env) -> {
                    if (env == environment) {
                        connection.getEndPoint().close();
                    }
                });
            }
        };
    }

    /** Whether {@code request} arrived on an environment's Runtime API port. */
    public boolean owns(Request request) {
        return connections.containsKey(request.getConnectionMetaData().getConnection());
    }

    /** True if the request arrived on an environment's Runtime API port and was handled here. */
    public boolean handle(Request request, Response response, Callback callback) {
        Environment env = connections.get(request.getConnectionMetaData().getConnection());
        if (env == null) {
            return false;
        }
        // AWS serves the Extensions API on the same address as the Runtime API.
        if (!extensions.handle(env, request, response, callback)) {
            routes.handle(env, request, response, callback);
        }
        return true;
    }
}
