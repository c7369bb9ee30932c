package dev.overtime.platform.async.store.postgres;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.IntPredicate;

/**
 * One connection that LISTENs for what other nodes commit, so an idle node wakes when something arrives
 * instead of polling. Notifications sent by this node's own writers (which woke its own
 * queues) are skipped. After every (re)connection {@code onConnect} runs: notifications sent while
 * the connection was down are gone, so the caller looks at everything again.
 */
final class NotificationListener implements AutoCloseable {

    static final String EVENTS = "overtime_events";
    static final String CONFIGS = "overtime_configs";
    private static final int WAIT_MILLIS = 500;

    private final PostgresLocation location;
    private final List<String> channels;
    private final IntPredicate own;
    private final BiConsumer<String, String> onNotification;
    private final Runnable onConnect;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;

    /**
     * @param own            which server process ids are this node's own writers, whose notifications are skipped
     * @param onNotification gets each notification's channel and payload, on the listener's thread
     */
    NotificationListener(PostgresLocation location, String name, List<String> channels, IntPredicate own,
                         BiConsumer<String, String> onNotification, Runnable onConnect) {
        this.location = location;
        this.channels = List.copyOf(channels);
        this.own = own;
        this.onNotification = onNotification;
        this.onConnect = onConnect;
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        while (closing.getCount() > 0) {
            try (Connection connection = ReconnectingConnector.open(location, "overtime-listener")) {
                try (Statement s = connection.createStatement()) {
                    for (String channel : channels) {
                        s.execute("LISTEN " + channel);
                    }
                }
                onConnect.run();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (closing.getCount() > 0) {
                    PGNotification[] arrived = notifications.getNotifications(WAIT_MILLIS);
                    if (arrived != null) {
                        for (PGNotification n : arrived) {
                            if (!own.test(n.getPID())) {
                                onNotification.accept(n.getName(), n.getParameter());
                            }
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                // The server is away; the writers report the outage to callers. Try again in a second.
                try {
                    closing.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closing.countDown();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
