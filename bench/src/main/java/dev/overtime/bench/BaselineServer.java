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

import java.nio.ByteBuffer;
import java.util.concurrent.Executors;

/**
 * The baseline: a bare loopback HTTP exchange on the same server stack the platform uses (Jetty 12
 * core, virtual threads), echoing the request body. What an invoke adds on top of this is Overtime's cost.
 */
final class BaselineServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    BaselineServer() throws Exception {
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
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                ByteBuffer body = Content.Source.asByteBuffer(request);
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

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
