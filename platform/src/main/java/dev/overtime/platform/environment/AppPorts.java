package dev.overtime.platform.environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * One free loopback port per environment, for the web app behind the built-in adapter: on AWS every
 * environment has a network of its own, so every app listens on 8080; here they share the host's. The port is
 * picked when the environment's first process starts (the adapter extension) and kept for its runtime, and no
 * two live environments of this platform hold the same one. Another program may still take a port between the
 * pick and the app's bind; the app then fails to start and its environment is replaced.
 */
final class AppPorts {

    /** Environments are forgotten with their last reference, so a retired one gives its port back. */
    private final Map<Environment, Integer> byEnvironment = new WeakHashMap<>();

    /** The port of {@code env}, picked on first call. */
    synchronized int of(Environment env) {
        Integer port = byEnvironment.get(env);
        if (port == null) {
            port = free(byEnvironment.values());
            byEnvironment.put(env, port);
        }
        return port;
    }

    private static int free(Collection<Integer> taken) {
        Set<Integer> held = new HashSet<>(taken);
        for (int attempt = 0; ; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (!held.contains(port) || attempt >= 100) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free loopback port for a web app: " + e.getMessage(), e);
            }
        }
    }
}
