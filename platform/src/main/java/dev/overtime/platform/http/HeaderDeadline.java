package dev.overtime.platform.http;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Closes a connection that has not sent a whole request head within a deadline of opening.
 *
 * <p>Why: the idle timeout restarts with every byte, so a client sending one header byte every few
 * seconds (slowloris) would hold its connection, and a file descriptor, forever. A client that
 * completes a request in time is never touched again; a new connection costs one timer task.
 */
final class HeaderDeadline implements Connection.Listener {

    private final long millis;
    private final Scheduler scheduler;
    private final Predicate<Connection> applies;

    /**
     * @param applies which connections are held to the deadline (a runtime's may wait to send
     *                anything until its process has started)
     */
    HeaderDeadline(Duration deadline, Scheduler scheduler, Predicate<Connection> applies) {
        this.millis = deadline.toMillis();
        this.scheduler = scheduler;
        this.applies = applies;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http && applies.test(connection)) {
            scheduler.schedule(() -> {
                if (http.getMessagesIn() == 0 && http.getEndPoint().isOpen()) {
                    http.getEndPoint().close();
                }
            }, millis, TimeUnit.MILLISECONDS);
        }
    }
}
