package dev.overtime.platform.http;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real connections to a two-selector {@link CoalescingConnector}: those on its own port (callers)
 * and those on a port registered with its selectors, as an environment's is (runtimes), are each
 * spread over both selectors, and a lone caller and a lone runtime share one.
 */
class CoalescingConnectorTest {

    private Server server;
    private CoalescingConnector connector;
    private ServerSocketChannel runtimePort;
    private Closeable runtimeAcceptor;
    private final List<Socket> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        connector = new CoalescingConnector(server, 1, 2, new HttpConnectionFactory());
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Responses.json(response, callback, 200, "{}");
                return true;
            }
        });
        server.start();
        runtimePort = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        runtimePort.configureBlocking(false);
        runtimeAcceptor = connector.getSelectorManager().acceptor(runtimePort);
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket client : clients) {
            client.close();
        }
        runtimeAcceptor.close();
        runtimePort.close();
        server.stop();
    }

    @Test
    void aLoneCallerAndALoneRuntime_shareTheFirstSelector() throws Exception {
        Socket caller = connectAndExchange(connector.getLocalPort());
        Socket runtime = connectAndExchange(runtimePort.socket().getLocalPort());

        assertThat(placementOf(caller)).isEqualTo(new CoalescingConnector.Placement(SelectorBalance.Kind.CALLER, 0,
                connector.getLocalPort()));
        assertThat(placementOf(runtime)).isEqualTo(new CoalescingConnector.Placement(SelectorBalance.Kind.RUNTIME, 0,
                runtimePort.socket().getLocalPort()));
        assertThat(selectorOf(runtime)).isSameAs(selectorOf(caller));
    }

    @Test
    void callersAndRuntimesArrivingInTurn_areEachSplitOverBothSelectors() throws Exception {
        List<Socket> callers = new ArrayList<>();
        List<Socket> runtimes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            callers.add(connectAndExchange(connector.getLocalPort()));
            runtimes.add(connectAndExchange(runtimePort.socket().getLocalPort()));
        }

        assertThat(callers.stream().map(this::placementOf).map(CoalescingConnector.Placement::selector))
                .containsExactlyInAnyOrder(0, 0, 1, 1);
        assertThat(runtimes.stream().map(this::placementOf).map(CoalescingConnector.Placement::selector))
                .containsExactlyInAnyOrder(0, 0, 1, 1);
        assertThat(runtimes.stream().map(this::placementOf).map(CoalescingConnector.Placement::kind))
                .containsOnly(SelectorBalance.Kind.RUNTIME);
        // Where Jetty really put them, not only what was counted.
        for (List<Socket> kind : List.of(callers, runtimes)) {
            Map<ManagedSelector, Long> perSelector = kind.stream()
                    .collect(Collectors.groupingBy(this::selectorOf, Collectors.counting()));
            assertThat(perSelector.values()).containsExactly(2L, 2L);
        }
    }

    /** Opens a connection and completes one exchange on it, so its end point exists when this returns. */
    private Socket connectAndExchange(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        clients.add(socket);
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n{}")) {
            int b = in.read();
            assertThat(b).as("response so far: %s", head).isNotNegative();
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
        return socket;
    }

    private CoalescingConnector.Placement placementOf(Socket client) {
        return endPointOf(client).placement;
    }

    /** The selector whose NIO selector has the client's server-side channel registered. */
    private ManagedSelector selectorOf(Socket client) {
        SelectableChannel channel = endPointOf(client).getChannel();
        for (ManagedSelector selector : connector.getSelectorManager().getBeans(ManagedSelector.class)) {
            if (channel.keyFor(selector.getSelector()) != null) {
                return selector;
            }
        }
        throw new AssertionError("no selector serves the client on port " + client.getLocalPort());
    }

    private CoalescingEndPoint endPointOf(Socket client) {
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
            if (endPoint.getRemoteSocketAddress() instanceof InetSocketAddress remote
                    && remote.getPort() == client.getLocalPort()) {
                return (CoalescingEndPoint) endPoint;
            }
        }
        throw new AssertionError("no end point for the client on port " + client.getLocalPort());
    }
}
