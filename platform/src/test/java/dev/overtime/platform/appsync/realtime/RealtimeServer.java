package dev.overtime.platform.appsync.realtime;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

import java.net.URI;

/**
 * A Jetty server on port 0 whose root handler is a plain non-blocking core handler (no context handler, as in
 * {@code Platform}) that offers every request to {@link RealtimeEndpoint#upgrade} and answers the rest
 * {@code 200 plain http}.
 */
final class RealtimeServer implements AutoCloseable {

    final PushGateway gateway = new PushGateway();
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server, 1, 1);

    RealtimeServer(RealtimeSettings settings) throws Exception {
        server.addConnector(connector);
        RealtimeEndpoint endpoint = RealtimeEndpoint.install(server, settings);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (endpoint.upgrade(request, response, callback, gateway)) {
                    return true;
                }
                Response.writeError(request, response, callback, 200, "plain http");
                return true;
            }
        });
        server.start();
    }

    URI ws(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + pathAndQuery);
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
