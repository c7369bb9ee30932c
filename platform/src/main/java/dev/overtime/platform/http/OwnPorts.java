package dev.overtime.platform.http;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The ports of a door whose APIs each answer on a port of their own: bound when an API is added, so a
 * port that is taken fails the start with the API's name, and accepted by the main connector's selectors
 * once the server runs, so their callers share selectors with the functions' runtimes.
 */
public final class OwnPorts implements Closeable {

    private final List<ServerSocketChannel> channels = new ArrayList<>();
    private final List<Closeable> acceptors = new ArrayList<>();

    /**
     * Binds {@code port} of {@code host} (0: a free one).
     *
     * @param what names the API in the error, e.g. {@code API Orders}
     * @return the port bound
     */
    public synchronized int bind(String host, int port, String what) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.bind(new InetSocketAddress(host, port));
            channel.configureBlocking(false);
        } catch (IOException e) {
            channel.close();
            throw new IOException(what + " cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        channels.add(channel);
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** Starts accepting on every bound port; call once the server has started. */
    public synchronized void open(CoalescingConnector connector) throws IOException {
        for (ServerSocketChannel channel : channels) {
            acceptors.add(connector.acceptCallers(channel));
        }
    }

    /** Stops accepting and closes the ports. */
    @Override
    public synchronized void close() {
        for (Closeable closeable : acceptors) {
            closeQuietly(closeable);
        }
        for (ServerSocketChannel channel : channels) {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Closing a listener that is already gone.
        }
    }
}
