package dev.overtime.platform.environment;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;

/** Gives an environment its own Runtime API address. Implemented by the Runtime API door. */
public interface RuntimeApiBinder {

    /** Opens a Runtime API endpoint that serves only {@code environment}, on the host's loopback. */
    default Binding bind(Environment environment) {
        return bind(environment, ServerSocketChannel::open);
    }

    /**
     * Opens a Runtime API endpoint that serves only {@code environment}, listening on a loopback port of the
     * sockets {@code sockets} opens (in a sandbox, the environment's own network's).
     */
    Binding bind(Environment environment, ServerSockets sockets);

    /** Where an environment's Runtime API listens. */
    @FunctionalInterface
    interface ServerSockets {
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
