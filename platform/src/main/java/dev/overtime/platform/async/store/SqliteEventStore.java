package dev.overtime.platform.async.store;

import dev.overtime.platform.async.EventState;
import dev.overtime.platform.async.QueuedEvent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The embedded default: one SQLite file in the data folder, in WAL mode with {@code synchronous=FULL},
 * so every commit is on disk before it returns. All work runs on one {@link GroupCommitWriter}.
 */
public final class SqliteEventStore implements EventStore {

    private static final String COLUMNS = "seq, id, target, qualifier, payload, client_context, accepted_at, "
            + "attempts, throttles, due_at, state, last_error, condition, executed_version";

    private final Connection connection;
    private final GroupCommitWriter writer;
    /** Statements of the hot paths, prepared once; used only on the writer's thread. */
    private final StatementCache statements = new StatementCache();

    private final java.nio.channels.FileChannel ownership;

    private SqliteEventStore(Connection connection, java.nio.channels.FileChannel ownership) {
        this.ownership = ownership;
        this.connection = connection;
        this.writer = new GroupCommitWriter(connection, "overtime-event-store");
    }

    /** Opens (or creates) {@code folder/events.db}. */
    public static SqliteEventStore open(Path folder) throws IOException, SQLException {
        Files.createDirectories(folder);
        java.nio.channels.FileChannel ownership = claimOwnership(folder);
        try {
            return open(folder, ownership);
        } catch (SQLException | RuntimeException e) {
            ownership.close();
            throw e;
        }
    }

    /**
     * Two platforms on one store would each put the other's in-flight events back in the queue at
     * start and run them twice; the second one is refused instead. The OS drops the lock when the
     * process dies, so a killed platform never blocks its own restart.
     */
    private static java.nio.channels.FileChannel claimOwnership(Path folder) throws IOException {
        java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(folder.resolve("events.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("another Overtime is using the event queue in " + folder
                    + "; give this one its own --data folder");
        }
        return channel;
    }

    private static SqliteEventStore open(Path folder, java.nio.channels.FileChannel ownership)
            throws SQLException {
        java.util.Properties options = new java.util.Properties();
        // Nothing reads generated keys; retrieving them costs a regex and an extra query per insert.
        options.setProperty("jdbc.get_generated_keys", "false");
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("events.db"), options);
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=5000");
            // The schema is created or brought up to date in one transaction: a crash leaves it all or none.
            connection.setAutoCommit(false);
            s.execute("CREATE TABLE IF NOT EXISTS events ("
                    + "seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, target TEXT NOT NULL, "
                    + "qualifier TEXT, payload BLOB NOT NULL, client_context TEXT, accepted_at INTEGER NOT NULL, "
                    + "attempts INTEGER NOT NULL, throttles INTEGER NOT NULL, due_at INTEGER NOT NULL, "
                    + "state TEXT NOT NULL, last_error TEXT, condition TEXT, executed_version TEXT)");
            addVersionColumns(s);
            s.execute("CREATE INDEX IF NOT EXISTS events_by_target ON events (target, state, due_at, seq)");
            s.execute("CREATE TABLE IF NOT EXISTS event_invoke_configs ("
                    + "function TEXT PRIMARY KEY, document TEXT NOT NULL)");
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.close(); // rolls back what was not committed
            throw e;
        }
        return new SqliteEventStore(connection, ownership);
    }

    /**
     * Brings an {@code events.db} written before versions to the current schema, in the opening
     * transaction: its events were all unqualified, and every attempt they had ran {@code $LATEST}.
     */
    private static void addVersionColumns(Statement s) throws SQLException {
        Set<String> columns = new java.util.HashSet<>();
        try (ResultSet rs = s.executeQuery("PRAGMA table_info(events)")) {
            while (rs.next()) {
                columns.add(rs.getString("name"));
            }
        }
        if (!columns.contains("qualifier")) {
            s.execute("ALTER TABLE events ADD COLUMN qualifier TEXT");
        }
        if (!columns.contains("executed_version")) {
            s.execute("ALTER TABLE events ADD COLUMN executed_version TEXT");
            s.execute("UPDATE events SET executed_version = '$LATEST' WHERE attempts > 0 "
                    + "AND target NOT LIKE 'http://%' AND target NOT LIKE 'https://%'");
        }
    }

    @Override
    public CompletableFuture<Void> append(List<QueuedEvent> events) {
        return writer.submit(c -> {
            insert(c, events);
            return null;
        });
    }

    private void insert(Connection c, List<QueuedEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        PreparedStatement insert = statements.get(c, "INSERT INTO events (id, target, qualifier, payload, "
                + "client_context, accepted_at, attempts, throttles, due_at, state) VALUES (?,?,?,?,?,?,0,0,?,?)");
        for (QueuedEvent e : events) {
            insert.setString(1, e.id());
            insert.setString(2, e.target());
            insert.setString(3, e.qualifier());
            insert.setBytes(4, e.payload());
            insert.setString(5, e.clientContext());
            insert.setLong(6, e.acceptedAt());
            insert.setLong(7, e.dueAt());
            insert.setString(8, EventState.QUEUED.name());
            insert.addBatch();
        }
        insert.executeBatch();
    }

    @Override
    public CompletableFuture<Claim> claim(String target, long now, int max) {
        return writer.submit(c -> {
            List<QueuedEvent> claimed = new ArrayList<>();
            if (max > 0) {
                PreparedStatement update = statements.get(c, "UPDATE events SET state = 'IN_FLIGHT' "
                        + "WHERE seq IN (SELECT seq FROM events WHERE target = ? AND state IN ('QUEUED','RETRYING') "
                        + "AND due_at <= ? ORDER BY due_at, seq LIMIT ?) RETURNING " + COLUMNS);
                update.setString(1, target);
                update.setLong(2, now);
                update.setInt(3, max);
                try (ResultSet rs = update.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(event(rs));
                    }
                }
                claimed.sort(Comparator.comparingLong(QueuedEvent::dueAt).thenComparingLong(QueuedEvent::seq));
            }
            long next = Long.MAX_VALUE;
            PreparedStatement due = statements.get(c, "SELECT min(due_at) FROM events WHERE target = ? "
                    + "AND state IN ('QUEUED','RETRYING')");
            due.setString(1, target);
            try (ResultSet rs = due.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    next = rs.getLong(1);
                }
            }
            return new Claim(claimed, next);
        });
    }

    @Override
    public CompletableFuture<Void> settle(Settlement settlement) {
        return writer.submit(c -> {
            switch (settlement) {
                case Settlement.Delivered d -> {
                    PreparedStatement delete = statements.get(c, "DELETE FROM events WHERE id = ?");
                    delete.setString(1, d.event().id());
                    delete.executeUpdate();
                }
                case Settlement.Retry r -> update(c, r.event().id(), EventState.RETRYING, r.attempts(), r.throttles(),
                        r.dueAt(), r.lastError(), null, r.executedVersion());
                case Settlement.Dead d -> update(c, d.event().id(), EventState.DEAD, d.attempts(),
                        d.event().throttles(), d.event().dueAt(), d.lastError(), d.condition(), d.executedVersion());
            }
            insert(c, settlement.followUps());
            return null;
        });
    }

    private void update(Connection c, String id, EventState state, int attempts, int throttles, long dueAt,
                        String lastError, String condition, String executedVersion) throws SQLException {
        PreparedStatement update = statements.get(c, "UPDATE events SET state = ?, attempts = ?, "
                + "throttles = ?, due_at = ?, last_error = ?, condition = ?, executed_version = ? WHERE id = ?");
        update.setString(1, state.name());
        update.setInt(2, attempts);
        update.setInt(3, throttles);
        update.setLong(4, dueAt);
        update.setString(5, lastError);
        update.setString(6, condition);
        update.setString(7, executedVersion);
        update.setString(8, id);
        update.executeUpdate();
    }

    @Override
    public CompletableFuture<List<QueuedEvent>> list(String target, Set<EventState> states, int limit) {
        return writer.submit(c -> {
            String in = states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM events WHERE target = ? "
                    + "AND state IN (" + in + ") ORDER BY seq LIMIT ?")) {
                select.setString(1, target);
                select.setInt(2, limit);
                return events(select);
            }
        });
    }

    @Override
    public CompletableFuture<Optional<QueuedEvent>> find(String id) {
        return writer.submit(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM events WHERE id = ?")) {
                select.setString(1, id);
                return events(select).stream().findFirst();
            }
        });
    }

    @Override
    public CompletableFuture<Map<EventState, Long>> counts(String target) {
        return writer.submit(c -> {
            PreparedStatement select = statements.get(c,
                    "SELECT state, count(*) FROM events WHERE target = ? GROUP BY state");
            select.setString(1, target);
            return StoreRows.countsByState(select);
        });
    }

    @Override
    public CompletableFuture<List<QueuedEvent>> redrive(String target, String id, long now) {
        return writer.submit(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE events SET state = 'QUEUED', attempts = 0, "
                    + "throttles = 0, accepted_at = ?, due_at = ?, condition = NULL, executed_version = NULL "
                    + "WHERE target = ? AND state = 'DEAD'"
                    + (id == null ? "" : " AND id = ?") + " RETURNING " + COLUMNS)) {
                update.setLong(1, now);
                update.setLong(2, now);
                update.setString(3, target);
                if (id != null) {
                    update.setString(4, id);
                }
                List<QueuedEvent> redriven = events(update);
                redriven.sort(Comparator.comparingLong(QueuedEvent::seq));
                return redriven;
            }
        });
    }

    @Override
    public CompletableFuture<Set<String>> recover() {
        return writer.submit(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE events SET state = 'QUEUED' WHERE state = 'IN_FLIGHT'");
                Set<String> targets = new LinkedHashSet<>();
                try (ResultSet rs = s.executeQuery(
                        "SELECT DISTINCT target FROM events WHERE state IN ('QUEUED','RETRYING')")) {
                    while (rs.next()) {
                        targets.add(rs.getString(1));
                    }
                }
                return targets;
            }
        });
    }

    @Override
    public CompletableFuture<Long> depth() {
        return writer.submit(c -> StoreRows.count(statements.get(c,
                "SELECT count(*) FROM events WHERE state <> 'DEAD'")));
    }

    @Override
    public String kind() {
        return "sqlite";
    }

    @Override
    public CompletableFuture<Map<String, String>> configurations() {
        return writer.submit(c -> StoreRows.pairs(statements.get(c,
                "SELECT function, document FROM event_invoke_configs ORDER BY function")));
    }

    @Override
    public CompletableFuture<Void> putConfiguration(String function, String json) {
        return writer.submit(c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO event_invoke_configs (function, document) "
                    + "VALUES (?, ?) ON CONFLICT (function) DO UPDATE SET document = excluded.document")) {
                upsert.setString(1, function);
                upsert.setString(2, json);
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> deleteConfiguration(String function) {
        return writer.submit(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM event_invoke_configs WHERE function = ?")) {
                delete.setString(1, function);
                delete.executeUpdate();
            }
            return null;
        });
    }

    private static List<QueuedEvent> events(PreparedStatement statement) throws SQLException {
        List<QueuedEvent> events = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                events.add(event(rs));
            }
        }
        return events;
    }

    private static QueuedEvent event(ResultSet rs) throws SQLException {
        return new QueuedEvent(rs.getLong("seq"), rs.getString("id"), rs.getString("target"),
                rs.getString("qualifier"), rs.getBytes("payload"), rs.getString("client_context"),
                rs.getLong("accepted_at"), rs.getInt("attempts"), rs.getInt("throttles"), rs.getLong("due_at"),
                EventState.valueOf(rs.getString("state")), rs.getString("last_error"), rs.getString("condition"),
                rs.getString("executed_version"));
    }

    @Override
    public void close() {
        writer.close();
        statements.close();
        try {
            connection.close();
            ownership.close();
        } catch (SQLException | IOException e) {
            System.err.println("overtime: closing the event store failed: " + e.getMessage());
        }
    }
}
