package dev.overtime.platform.http;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server connector whose connections can hold an answer back (see {@link CoalescingEndPoint}),
 * and whose selectors each get a fair share of both kinds of connection (see {@link SelectorBalance}):
 * callers' on the connector's own port, runtimes' on the environments' ports it also accepts.
 */
public final class CoalescingConnector extends ServerConnector {

    /** Ports other than the connector's own whose connections are callers' (an API's own port). */
    private final java.util.Set<Integer> callerPorts = ConcurrentHashMap.newKeySet();
    /** Open connections per local port, for the cap. */
    private final Map<Integer, AtomicInteger> openPerPort = new ConcurrentHashMap<>();
    private final PortLimits limits;

    public CoalescingConnector(Server server, int acceptors, int selectors, ConnectionFactory... factories) {
        this(server, acceptors, selectors, PortLimits.DEFAULTS, factories);
    }

    public CoalescingConnector(Server server, int acceptors, int selectors, PortLimits limits,
                               ConnectionFactory... factories) {
        super(server, acceptors, selectors, factories);
        this.limits = limits;
        setIdleTimeout(limits.idleTimeout().toMillis());
        addEventListener(new HeaderDeadline(limits.headerDeadline(), getScheduler(), connection ->
                connection.getEndPoint() instanceof CoalescingEndPoint endPoint && endPoint.placement != null
                        && endPoint.placement.kind() == SelectorBalance.Kind.CALLER));
    }

    /**
     * Accepts callers on another listening channel with this connector's selectors, so their
     * invokes stay on the selector that also serves runtimes (as on the connector's own port).
     * Call once the server has started; closing the result stops accepting.
     */
    public java.io.Closeable acceptCallers(java.nio.channels.ServerSocketChannel channel) throws IOException {
        if (channel.getLocalAddress() instanceof InetSocketAddress local) {
            callerPorts.add(local.getPort());
        }
        return getSelectorManager().acceptor(channel);
    }

    @Override
    protected SelectorManager newSelectorManager(Executor executor, Scheduler scheduler, int selectors) {
        return new BalancedManager(executor, scheduler, selectors);
    }

    @Override
    protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
        CoalescingEndPoint endPoint = new CoalescingEndPoint(channel, selector, key, getScheduler());
        endPoint.setIdleTimeout(getIdleTimeout());
        if (getSelectorManager() instanceof BalancedManager manager) {
            endPoint.placement = manager.placed.remove(channel);
        }
        return endPoint;
    }

    /** Where a connection was put, so that its end can be counted. */
    record Placement(SelectorBalance.Kind kind, int selector, int port) {
    }

    /**
     * Counts a new connection on {@code port}, or says no once the port has as many open as its kind
     * may: the caller then closes the connection, a clean refusal that costs nothing else.
     */
    private boolean admit(SelectorBalance.Kind kind, int port) {
        int cap = kind == SelectorBalance.Kind.CALLER ? limits.callerConnections() : limits.runtimeConnections();
        AtomicInteger open = openPerPort.computeIfAbsent(port, p -> new AtomicInteger());
        if (open.incrementAndGet() > cap) {
            open.decrementAndGet();
            return false;
        }
        return true;
    }

    private void release(Placement placement) {
        balanceOf().release(placement.kind(), placement.selector());
        AtomicInteger open = openPerPort.get(placement.port());
        if (open != null) {
            open.decrementAndGet();
        }
    }

    private SelectorBalance balanceOf() {
        return ((BalancedManager) getSelectorManager()).balance;
    }

    private final class BalancedManager extends ServerConnectorManager {
        private final ManagedSelector[] selectors;
        private final SelectorBalance balance;
        /** The connection being accepted on this thread: {@link #chooseSelector} is not told it. */
        private final ThreadLocal<SelectableChannel> accepting = new ThreadLocal<>();
        /** Placed but without an end point yet. */
        private final Map<SelectableChannel, Placement> placed = new ConcurrentHashMap<>();

        BalancedManager(Executor executor, Scheduler scheduler, int selectors) {
            super(executor, scheduler, selectors);
            this.selectors = new ManagedSelector[getSelectorCount()];
            this.balance = new SelectorBalance(getSelectorCount());
        }

        @Override
        protected ManagedSelector newSelector(int id) {
            ManagedSelector selector = super.newSelector(id);
            selectors[id] = selector;
            return selector;
        }

        @Override
        public void accept(SelectableChannel channel, Object attachment) {
            if (!admit(kindOf(channel), localPort(channel))) {
                closeRefused(channel);
                return;
            }
            accepting.set(channel);
            try {
                super.accept(channel, attachment);
            } finally {
                accepting.remove();
            }
        }

        @Override
        protected ManagedSelector chooseSelector() {
            SelectableChannel channel = accepting.get();
            if (channel == null) {
                // A listening channel being registered: where it accepts does not matter.
                return super.chooseSelector();
            }
            SelectorBalance.Kind kind = kindOf(channel);
            int id = balance.place(kind);
            placed.put(channel, new Placement(kind, id, localPort(channel)));
            return selectors[id];
        }

        @Override
        protected void endPointClosed(EndPoint endPoint) {
            if (endPoint instanceof CoalescingEndPoint coalescing && coalescing.placement != null) {
                release(coalescing.placement);
                coalescing.placement = null;
            }
            super.endPointClosed(endPoint);
        }

        @Override
        protected void onAcceptFailed(SelectableChannel channel, Throwable cause, Object attachment) {
            Placement placement = placed.remove(channel);
            if (placement != null) {
                release(placement);
            }
            super.onAcceptFailed(channel, cause, attachment);
        }

        private SelectorBalance.Kind kindOf(SelectableChannel channel) {
            int port = localPort(channel);
            return port != -1 && port != getLocalPort() && !callerPorts.contains(port)
                    ? SelectorBalance.Kind.RUNTIME : SelectorBalance.Kind.CALLER;
        }

        private static int localPort(SelectableChannel channel) {
            try {
                if (channel instanceof NetworkChannel network
                        && network.getLocalAddress() instanceof InetSocketAddress local) {
                    return local.getPort();
                }
            } catch (IOException e) {
                // A channel that cannot say its address is already closing; either kind will do.
            }
            return -1;
        }

        private static void closeRefused(SelectableChannel channel) {
            try {
                channel.close();
            } catch (IOException e) {
                // Refused anyway.
            }
        }
    }
}
