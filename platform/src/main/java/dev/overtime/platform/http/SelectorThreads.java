package dev.overtime.platform.http;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectableChannelEndPoint;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ServerConnector;

import java.io.Closeable;
import java.nio.channels.SelectableChannel;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs work on the selector thread that owns a request's connection, many tasks per wake-up.
 *
 * <p>Why: a response finished on another thread (the event store's writer, another connection's
 * selector) costs that thread the write, and makes Jetty hand the connection to a pool thread, which
 * reads nothing and wakes the selector to re-arm it: two wake-ups per response. Queued here, the
 * owning selector writes every queued response in one wake-up, and {@link ConnectionResumingThreadPool}
 * resumes each connection right there, where re-arming it costs no wake-up at all.
 */
public final class SelectorThreads {

    private static final String EXECUTOR_ATTRIBUTE = SelectorThreads.class.getName();

    /** True on a selector thread while it runs queued tasks. */
    private static final ThreadLocal<Boolean> DRAINING = ThreadLocal.withInitial(() -> false);

    private SelectorThreads() {
    }

    /** Whether the current thread is running the queued tasks of a selector. */
    static boolean draining() {
        return DRAINING.get();
    }

    /**
     * An executor that runs on the selector thread of {@code request}'s connection; its tasks must
     * not block. A connection that no selector owns gets a direct executor.
     */
    public static Executor of(Request request) {
        ConnectionMetaData connection = request.getConnectionMetaData();
        if (connection.getAttribute(EXECUTOR_ATTRIBUTE) instanceof Executor known) {
            return known;
        }
        Executor executor = find(connection);
        connection.setAttribute(EXECUTOR_ATTRIBUTE, executor);
        return executor;
    }

    private static Executor find(ConnectionMetaData connection) {
        EndPoint endPoint = connection.getConnection().getEndPoint();
        if (!(endPoint instanceof SelectableChannelEndPoint selectable)
                || !(connection.getConnector() instanceof ServerConnector connector)) {
            return Runnable::run;
        }
        SelectableChannel channel = selectable.getChannel();
        for (ManagedSelector selector : connector.getSelectorManager().getBeans(ManagedSelector.class)) {
            Selector nio = selector.getSelector();
            if (nio != null && channel.keyFor(nio) != null) {
                return tasksOf(selector);
            }
        }
        return Runnable::run;
    }

    /** One queue per selector, kept as its bean, so it goes when the selector does. */
    private static Tasks tasksOf(ManagedSelector selector) {
        synchronized (selector) {
            Tasks tasks = selector.getBean(Tasks.class);
            if (tasks == null) {
                tasks = new Tasks(selector);
                selector.addBean(tasks, false);
            }
            return tasks;
        }
    }

    /** One selector's queue: the first task queued after a drain schedules the next drain. */
    private static final class Tasks implements Executor, ManagedSelector.SelectorUpdate, Closeable {
        private final ManagedSelector selector;
        private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        Tasks(ManagedSelector selector) {
            this.selector = selector;
        }

        @Override
        public void execute(Runnable task) {
            queue.add(task);
            if (scheduled.compareAndSet(false, true)) {
                selector.submit(this);
            }
        }

        @Override
        public void update(Selector ignored) {
            // Cleared first: a task queued while draining schedules a drain of its own.
            scheduled.set(false);
            DRAINING.set(true);
            try {
                Runnable task;
                while ((task = queue.poll()) != null) {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        System.err.println("overtime: a task on a selector thread failed: " + e);
                    }
                }
            } finally {
                DRAINING.set(false);
            }
        }

        /** Jetty closes an update that its stopped selector can no longer run: the tasks run here instead. */
        @Override
        public void close() {
            update(null);
        }
    }
}
