package dev.overtime.platform.runtimeapi;

import dev.overtime.platform.environment.Environment;
import dev.overtime.platform.extensions.ExtensionsApiRoutes;
import dev.overtime.platform.environment.RuntimeApiBinder;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Runtime API door. Every environment gets its own loopback port, a connector on the shared
 * server, so a function process can only ever see and answer its own environment's events: the
 * environment is known from the connector a request arrived on, never from anything the process sends.
 */
public final class RuntimeApiDoor implements RuntimeApiBinder {

    private final Server server;
    private final HttpConnectionFactory http;
    private final Map<Connector, Environment> environments = new ConcurrentHashMap<>();
    private final RuntimeApiRoutes routes;
    private final ExtensionsApiRoutes extensions;

    /**
     * @param maxStreamedBytes the largest streamed response a runtime may send
     * @param shapeStreams     whether streamed responses get AWS's bandwidth (6 MiB burst, then 2 MiB/s)
     * @param timers           where shaped streams wait
     */
    public RuntimeApiDoor(Server server, HttpConnectionFactory http, long maxStreamedBytes, boolean shapeStreams,
                          java.util.concurrent.ScheduledExecutorService timers) {
        this(server, http, maxStreamedBytes, shapeStreams, timers, "000000000000");
    }

    /** @param accountId what extensions that accept the {@code accountId} feature are told at registration */
    public RuntimeApiDoor(Server server, HttpConnectionFactory http, long maxStreamedBytes, boolean shapeStreams,
                          java.util.concurrent.ScheduledExecutorService timers, String accountId) {
        this.extensions = new ExtensionsApiRoutes(accountId);
        this.server = server;
        this.http = http;
        this.routes = new RuntimeApiRoutes(maxStreamedBytes, shapeStreams ? timers : null);
    }

    @Override
    public Binding bind(Environment environment) {
        // No acceptor thread: the connector's one selector accepts too, which keeps each environment cheap.
        ServerConnector connector = new ServerConnector(server, 0, 1, http);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(-1);
        server.addConnector(connector);
        try {
            connector.start();
        } catch (Exception e) {
            server.removeConnector(connector);
            throw new IllegalStateException("cannot open a Runtime API port: " + e.getMessage(), e);
        }
        environments.put(connector, environment);
        String address = "127.0.0.1:" + connector.getLocalPort();
        return new Binding() {
            @Override
            public String address() {
                return address;
            }

            @Override
            public void close() {
                environments.remove(connector);
                try {
                    connector.stop();
                } catch (Exception ignored) {
                    // the port is released with the process anyway
                }
                server.removeConnector(connector);
            }
        };
    }

    /** True if the request arrived on an environment's Runtime API port and was handled here. */
    public boolean handle(Request request, Response response, Callback callback) {
        Environment env = environments.get(request.getConnectionMetaData().getConnector());
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
