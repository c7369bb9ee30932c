package dev.overtime.platform.environment;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/** Gives an environment its own Runtime API address. Implemented by the Runtime API door. */
public interface RuntimeApiBinder {

    /** Opens a Runtime API endpoint that serves only {@code environment}, on the host's loopback. */
    default Binding bind(Environment environment) {
        return bind(environment, ServerSockets.HOST);
    }

    /**
     * Opens a Runtime API endpoint that serves only {@code environment}, on the socket {@code sockets} opens (in a
     * sandbox, in the environment's own network).
     */
    Binding bind(Environment environment, ServerSockets sockets);

    /** Where an environment's Runtime API listens. */
    @FunctionalInterface
    interface ServerSockets {

        /** A free port of the host's loopback. */
        ServerSockets HOST = () -> {
            ServerSocketChannel channel = ServerSocketChannel.open();
            try {
                channel.bind(new InetSocketAddress("127.0.0.1", 0));
                return channel;
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        };

        /**
         * A socket listening on a port of {@code 127.0.0.1} whose number no other socket of the platform's listens
         * on: connections belong to an environment by the port that accepted them.
         */
        ServerSocketChannel open() throws IOException;
    }

    /** An open endpoint; {@link #close()} stops serving it. */
    interface Binding extends AutoCloseable {
        /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
        String address();

        @Override
        void close();
    }
}
