package dev.overtime.platform.async.store.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.appsync.subscriptions.SharedPublishes;
import dev.overtime.platform.appsync.subscriptions.SubscriptionHub;
import dev.overtime.platform.appsync.subscriptions.SubscriptionSettings;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * GraphQL subscriptions across nodes. A publish on any node is written to {@code graphql_publishes}
 * with the API's next number, taken under a transaction-scoped advisory lock on the API, so numbers
 * commit in order; then {@code NOTIFY overtime_publishes}. Every node (the publishing one too) reads
 * what follows the last number its hub has and delivers it in order, so subscribers on every node see
 * one order, and a subscriber that reconnects to another node replays from the same numbers. At start
 * a hub is filled with the publishes still inside the replay window.
 *
 * <pre>
 * mutation on node A ──hub.publish──▶ relay queue ──[overtime-subscription-relay] INSERT seq, NOTIFY
 * NOTIFY ──[listener, every node]──▶ relay queue ──SELECT seq &gt; last──▶ hub.deliver ──▶ subscribers
 * </pre>
 */
public final class SubscriptionRelay implements SharedPublishes {

    static final String CHANNEL = "overtime_publishes";
    private static final long RETRY_MILLIS = 1000;
    private static final long PRUNE_EVERY_MILLIS = 60_000;

    private final PostgresLocation location;
    private final ObjectMapper json;
    private final SubscriptionSettings settings;
    private final Consumer<String> notices;
    private final Map<String, SubscriptionHub> hubs = new ConcurrentHashMap<>();
    private final BlockingQueue<Step> steps = new LinkedBlockingQueue<>();
    private final NotificationListener listener;
    private final Thread thread;
    private volatile boolean closed;
    private Connection connection;
    private long prunedAt;

    /** Work on the relay's connection, retried after a lost connection until it succeeds or the relay closes. */
    @FunctionalInterface
    private interface Step {
        void run(Connection c) throws SQLException, IOException;
    }

    private static final Step STOP = c -> {
    };

    public SubscriptionRelay(PostgresLocation location, ObjectMapper json, SubscriptionSettings settings,
                             Consumer<String> notices) {
        this.location = location;
        this.json = json;
        this.settings = settings;
        this.notices = notices;
        this.listener = new NotificationListener(location, "overtime-subscription-listener", List.of(CHANNEL),
                pid -> false, (channel, apiId) -> steps.add(c -> fetch(c, apiId)),
                () -> hubs.keySet().forEach(apiId -> steps.add(c -> fetch(c, apiId))));
        this.thread = Thread.ofPlatform().name("overtime-subscription-relay").daemon().start(this::loop);
        listener.start();
    }

    /** Makes {@code hub} publish through the shared store, and fills its replay buffer from it. */
    @Override
    public void attach(String apiId, SubscriptionHub hub) {
        hubs.put(apiId, hub);
        steps.add(c -> recent(c, apiId));
        hub.relayThrough((mutationField, fields, value, bytes) -> steps.add(c -> insert(c, apiId, mutationField,
                fields, json.writeValueAsBytes(value), bytes)));
    }

    private void loop() {
        try {
            while (true) {
                Step step = steps.take();
                if (step == STOP) {
                    return;
                }
                while (!run(step)) {
                    if (closed) {
                        return;
                    }
                    Thread.sleep(RETRY_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeConnection();
        }
    }

    /** True when done; false after a lost connection (dropped, to be opened again for the retry). */
    private boolean run(Step step) {
        try {
            if (connection == null) {
                connection = ReconnectingConnector.open(location, "overtime-subscriptions");
                connection.setAutoCommit(false);
            }
            step.run(connection);
            connection.commit();
            return true;
        } catch (SQLException e) {
            notices.accept("GraphQL subscriptions across nodes: the store failed, retrying: " + e.getMessage());
            closeConnection();
            return false;
        } catch (IOException | RuntimeException e) {
            notices.accept("GraphQL subscriptions across nodes: a publish was dropped: " + e.getMessage());
            return true;
        }
    }

    private void insert(Connection c, String apiId, String mutationField, List<String> fields, byte[] value,
                        int bytes) throws SQLException, IOException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))");
             PreparedStatement insert = c.prepareStatement("INSERT INTO graphql_publishes (api_id, seq, mutation_field, "
                     + "subscription_fields, value, bytes, at_millis) SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ? "
                     + "FROM graphql_publishes WHERE api_id = ?");
             PreparedStatement notify = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            lock.setString(1, "graphql:" + apiId);
            lock.executeQuery().close();
            insert.setString(1, apiId);
            insert.setString(2, mutationField);
            insert.setArray(3, c.createArrayOf("text", fields.toArray()));
            insert.setBytes(4, value);
            insert.setInt(5, bytes);
            insert.setLong(6, System.currentTimeMillis());
            insert.setString(7, apiId);
            insert.executeUpdate();
            notify.setString(1, apiId);
            notify.executeQuery().close();
        }
        prune(c);
    }

    /** Delivers what follows the hub's last number, in order. */
    private void fetch(Connection c, String apiId) throws SQLException, IOException {
        SubscriptionHub hub = hubs.get(apiId);
        if (hub == null) {
            return;
        }
        try (PreparedStatement select = c.prepareStatement("SELECT seq, mutation_field, subscription_fields, value, "
                + "at_millis, bytes FROM graphql_publishes WHERE api_id = ? AND seq > ? ORDER BY seq")) {
            select.setString(1, apiId);
            select.setLong(2, hub.lastSeq());
            deliver(select, hub);
        }
    }

    /** At start: the publishes still inside the replay window, so a subscriber that moved here can replay them. */
    private void recent(Connection c, String apiId) throws SQLException, IOException {
        try (PreparedStatement select = c.prepareStatement("SELECT * FROM (SELECT seq, mutation_field, "
                + "subscription_fields, value, at_millis, bytes FROM graphql_publishes WHERE api_id = ? "
                + "AND at_millis >= ? ORDER BY seq DESC LIMIT ?) recent ORDER BY seq")) {
            select.setString(1, apiId);
            select.setLong(2, System.currentTimeMillis() - settings.replayAge().toMillis());
            select.setInt(3, settings.replayEvents());
            deliver(select, hubs.get(apiId));
        }
        fetch(c, apiId);
    }

    private void deliver(PreparedStatement select, SubscriptionHub hub) throws SQLException, IOException {
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Array fields = rs.getArray(3);
                hub.deliver(rs.getLong(1), rs.getString(2), List.of((String[]) fields.getArray()),
                        json.readValue(rs.getBytes(4), Object.class), rs.getLong(5), rs.getInt(6));
            }
        }
    }

    private void prune(Connection c) throws SQLException {
        long now = System.currentTimeMillis();
        if (now - prunedAt < PRUNE_EVERY_MILLIS) {
            return;
        }
        prunedAt = now;
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM graphql_publishes WHERE at_millis < ?")) {
            delete.setLong(1, now - settings.replayAge().toMillis());
            delete.executeUpdate();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Lost already.
            }
            connection = null;
        }
    }

    /** Publishes already queued are written first. */
    @Override
    public void close() {
        closed = true;
        listener.close();
        steps.add(STOP);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
