package dev.overtime.platform.http;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;

import java.time.Duration;

/**
 * What any one caller may ask of a port, whoever reaches it: applied to every door's port (the main
 * port, Function URL ports, API ports) and, with its own connection cap, to the Runtime API ports.
 *
 * <ul>
 *   <li>{@code requestHeaderBytes}: the request line and headers together; past it Jetty refuses
 *       with 414 (line) or 431 (headers), rendered by {@link JsonErrorHandler}.</li>
 *   <li>{@code maxRequestHeaders}: the number of header fields ({@link HeaderCountLimit}); 431.</li>
 *   <li>{@code idleTimeout}: a caller's connection that sends nothing for this long is closed.</li>
 *   <li>{@code headerDeadline}: a caller's connection must have sent a whole request head within
 *       this long of opening (slowloris: a byte every few seconds would reset the idle timeout
 *       forever); later requests on a kept-alive connection are bounded by the idle timeout.</li>
 *   <li>{@code callerConnections}: connections open at once on one caller port; the next is
 *       closed as soon as it is accepted, so a flood costs a file descriptor only for a moment.</li>
 *   <li>{@code runtimeConnections}: the same for one environment's Runtime API port (a runtime's
 *       workers, its extensions and an adapter).</li>
 * </ul>
 * Body sizes are each door's own (Lambda's 6 MB, 256 KB, ...), read by {@link BodyReader}.
 */
public record PortLimits(int requestHeaderBytes, int maxRequestHeaders, Duration idleTimeout,
                         Duration headerDeadline, int callerConnections, int runtimeConnections) {

    /**
     * What {@code serve} runs with. 16 KiB of head is twice what AWS's SDKs send with a session token
     * and the largest Client-Context; 4096 connections per port stays well inside the usual 20000 file
     * descriptors even with several ports under attack. A runtime holds a connection per worker
     * ({@code AWS_LAMBDA_MAX_CONCURRENCY}, which has no upper bound here) plus its extensions': 1024.
     */
    public static final PortLimits DEFAULTS = new PortLimits(16 * 1024, 200, Duration.ofSeconds(30),
            Duration.ofSeconds(10), 4096, 1024);

    public PortLimits {
        if (requestHeaderBytes < 1024 || maxRequestHeaders < 1 || callerConnections < 1 || runtimeConnections < 1
                || idleTimeout.isNegative() || idleTimeout.isZero() || headerDeadline.isNegative()
                || headerDeadline.isZero()) {
            throw new IllegalArgumentException("port limits must be positive (and 1 KiB of head at least): " + this);
        }
    }

    public PortLimits withConnections(int callers, int runtimes) {
        return new PortLimits(requestHeaderBytes, maxRequestHeaders, idleTimeout, headerDeadline, callers, runtimes);
    }

    public PortLimits withHeaderDeadline(Duration deadline) {
        return new PortLimits(requestHeaderBytes, maxRequestHeaders, idleTimeout, deadline, callerConnections,
                runtimeConnections);
    }

    /** Sets the head size on the configuration every port's connections share. */
    public void configure(HttpConfiguration http) {
        http.setRequestHeaderSize(requestHeaderBytes);
    }

    /**
     * Applies the idle timeout, the head deadline and the connection cap to a connector of its own
     * (a Function URL's). Past the cap it stops accepting until a connection ends: the kernel's
     * backlog holds the rest, and the connections already open are served.
     */
    public void limit(ServerConnector connector) {
        connector.setIdleTimeout(idleTimeout.toMillis());
        connector.addBean(new NetworkConnectionLimit(callerConnections, connector));
        connector.addEventListener(new HeaderDeadline(headerDeadline, connector.getScheduler(), connection -> true));
    }
}
