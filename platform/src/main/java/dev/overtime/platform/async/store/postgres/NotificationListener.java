package dev.overtime.platform.async.store.postgres;

import dev.overtime.platform.async.store.StoreListener;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * One connection that LISTENs for what other nodes commit, so an idle node wakes when events arrive
 * instead of polling. Notifications sent by this node's own writer are skipped: it woke its queues
 * itself. After a lost connection, the listener is told to look at everything again, since
 * notifications sent meanwhile are gone.
 */
final class NotificationListener implements AutoCloseable {

    static final String EVENTS = "overtime_events";
    static final String CONFIGS = "overtime_configs";
    private static final int WAIT_MILLIS = 500;

    private final PostgresLocation location;
    private final StoreListener listener;
    private final IntSupplier ownBackend;
    private final Runnable resync;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;

    /**
     * @param ownBackend the process id of this node's writer connection in the server (0 when none)
     * @param resync     runs after every (re)connection: notifications may have been missed
     */
    NotificationListener(PostgresLocation location, StoreListener listener, IntSupplier ownBackend, Runnable resync,
                         String nodeId) {
        this.location = location;
        this.listener = listener;
        this.ownBackend = ownBackend;
        this.resync = resync;
        this.thread = Thread.ofPlatform().name("overtime-store-listener-" + nodeId).daemon().unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        while (closing.getCount() > 0) {
            try (Connection connection = ReconnectingConnector.open(location, "overtime-listener")) {
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + EVENTS);
                    s.execute("LISTEN " + CONFIGS);
                }
                listener.configurationsChanged();
                resync.run();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (closing.getCount() > 0) {
                    PGNotification[] arrived = notifications.getNotifications(WAIT_MILLIS);
                    if (arrived != null) {
                        deliver(arrived);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                // The server is away; the writer reports the outage to callers. Try again in a second.
                try {
                    closing.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void deliver(PGNotification[] arrived) {
        int own = ownBackend.getAsInt();
        boolean configs = false;
        for (PGNotification n : arrived) {
            if (n.getPID() == own) {
                continue;
            }
            if (n.getName().equals(CONFIGS)) {
                configs = true;
            } else if (n.getName().equals(EVENTS)) {
                listener.eventsArrived(n.getParameter());
            }
        }
        if (configs) {
            listener.configurationsChanged();
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
