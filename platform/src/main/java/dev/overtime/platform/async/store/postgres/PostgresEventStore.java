package dev.overtime.platform.async.store.postgres;

import dev.overtime.platform.async.EventState;
import dev.overtime.platform.async.QueuedEvent;
import dev.overtime.platform.async.store.EventStore;
import dev.overtime.platform.async.store.GroupCommitWriter;
import dev.overtime.platform.async.store.StatementCache;
import dev.overtime.platform.async.store.StoreListener;
import dev.overtime.platform.async.store.StoreRows;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The store that several nodes share: one PostgreSQL database. Everything runs on one
 * {@link GroupCommitWriter}, so many callers share a commit, as in the embedded store.
 *
 * <p><b>Distribution.</b> A claim takes due events with {@code FOR UPDATE SKIP LOCKED}, so nodes never
 * wait for each other's claims, and marks them {@code IN_FLIGHT} with this node as {@code lease_owner}.
 * The node's row in {@code nodes} carries one lease for all the events it runs; the node renews it
 * every third of {@code lease}. Every node, at the same pace, puts back in the queue the in-flight
 * events whose owner's lease has run out: that node died or is cut off. A settlement applies only
 * while the event is still this node's, so a node that lost its lease cannot delete, retry or
 * duplicate the destination records of an event another node took over.
 *
 * <p><b>Wake-ups.</b> Commits that add due events {@code NOTIFY} their targets; other nodes
 * {@code LISTEN} ({@link NotificationListener}). The lease tick also looks for due events, the
 * fallback should a notification be missed: an idle node costs the database three small
 * statements per tick.
 *
 * <pre>
 * callers' threads ──append──▶ pending appends ─┐
 * queues' claims, settlements, reads ───────────┴──▶ [overtime-event-store] one transaction ─▶ NOTIFY ─▶ commit
 * [overtime-store-lease] every lease/3 ──▶ renew own lease, take back dead nodes' events, find due targets
 * [overtime-store-listener] LISTEN ──▶ StoreListener.eventsArrived / configurationsChanged
 * </pre>
 */
public final class PostgresEventStore implements EventStore {

    private static final String COLUMNS = "seq, id, target, qualifier, payload, client_context, accepted_at, "
            + "attempts, throttles, due_at, state, last_error, condition, executed_version";
    private static final String RETURNING = " RETURNING " + COLUMNS;
    /** The database's clock in epoch millis: leases never depend on the nodes' clocks agreeing. */
    private static final String DB_NOW = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

    private final PostgresLocation location;
    private final String nodeId;
    private final Duration lease;
    private final ReconnectingConnector connector;
    private final GroupCommitWriter writer;
    /** Used only on the writer's thread, and emptied with each new connection. */
    private final StatementCache statements = new StatementCache();
    /**
     * Accepts have writers and connections of their own: an accept is one statement, committed by itself
     * (one round trip rather than two), and never waits behind claims and settlements. A claim still sees
     * every accepted event: its queue is woken only after the accept committed. One writer, so that
     * the callers who arrive during a commit all go in the next one: on a quiet 2-core machine one writer
     * accepted 7,387 and 8,499 events/s (112-131 µs of PostgreSQL CPU each), two 4,353/s and four 2,844/s,
     * their smaller batches costing the server more per event than the overlapped commits saved
     * (docs/benchmarks.md).
     */
    private final List<AcceptWriter> acceptWriters = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger nextAcceptWriter = new java.util.concurrent.atomic.AtomicInteger();
    private static final int ACCEPT_WRITERS = 1;

    /** One accept writer: its connection, its thread, its prepared statements, its batches. */
    private final class AcceptWriter {
        final StatementCache statements = new StatementCache();
        volatile int backend;
        final ReconnectingConnector connector;
        final GroupCommitWriter writer;
        final CoalescedWork<List<QueuedEvent>> appends;

        AcceptWriter(int n) {
            connector = new ReconnectingConnector(location, "overtime-" + nodeId + "-accepts-" + n,
                    c -> backend = c.unwrap(PGConnection.class).getBackendPID(), c -> {
                    }, () -> {
                        statements.close();
                        backend = 0;
                    }, true);
            writer = new GroupCommitWriter(connector, "overtime-event-store-accepts-" + n);
            appends = new CoalescedWork<>(writer, (c, batches) -> {
                List<QueuedEvent> all = new ArrayList<>();
                batches.forEach(all::addAll);
                insert(statements, c, all);
            });
        }

        void close() {
            writer.close();
            statements.close();
            connector.close();
        }
    }

    /** Targets to NOTIFY when the current transaction commits; writer's thread only. */
    private final Set<String> toNotify = new LinkedHashSet<>();
    private final CoalescedWork<Settlement.Delivered> deliveries;
    /** Events this node claimed and has not settled: what its lease covers. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker;
    private volatile int writerBackend;
    private volatile boolean reconnected;
    private volatile StoreListener listener;
    private NotificationListener notifications;

    private PostgresEventStore(PostgresLocation location, String nodeId, Duration lease) {
        this.location = location;
        this.nodeId = nodeId;
        this.lease = lease;
        this.connector = new ReconnectingConnector(location, "overtime-" + nodeId, this::onConnect, this::notifyAll,
                () -> {
                    statements.close();
                    writerBackend = 0;
                });
        this.writer = new GroupCommitWriter(connector, "overtime-event-store");
        for (int n = 0; n < ACCEPT_WRITERS; n++) {
            acceptWriters.add(new AcceptWriter(n));
        }
        this.deliveries = new CoalescedWork<>(writer, this::deleteDelivered);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .name("overtime-store-lease").daemon().unstarted(r));
    }

    /**
     * Migrates the schema (waiting for another node that migrates it), joins the nodes with a lease of
     * {@code lease}, and starts renewing it.
     */
    public static PostgresEventStore open(PostgresLocation location, String nodeId, Duration lease) {
        PostgresSchema.migrate(location);
        PostgresEventStore store = new PostgresEventStore(location, nodeId, lease);
        try {
            store.depth().join();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        long every = Math.max(200, lease.toMillis() / 3);
        store.ticker.scheduleWithFixedDelay(store::tick, every, every, TimeUnit.MILLISECONDS);
        return store;
    }

    public String nodeId() {
        return nodeId;
    }

    /** On a new connection: this node's lease, and, after a lost one, its claims whose outcome it never learnt. */
    private void onConnect(Connection c) throws SQLException {
        writerBackend = c.unwrap(PGConnection.class).getBackendPID();
        try (PreparedStatement join = c.prepareStatement("INSERT INTO nodes (id, started_at, lease_until) VALUES "
                + "(?, " + DB_NOW + ", " + DB_NOW + " + ?) ON CONFLICT (id) DO UPDATE SET lease_until = excluded.lease_until")) {
            join.setString(1, nodeId);
            join.setLong(2, lease.toMillis());
            join.executeUpdate();
        }
        if (reconnected) {
            // A claim whose commit was cut off may have committed: its events are this node's in the
            // database but run nowhere. They go back to the queue.
            try (PreparedStatement release = c.prepareStatement("UPDATE events SET state = 'QUEUED', lease_owner = NULL "
                    + "WHERE state = 'IN_FLIGHT' AND lease_owner = ? AND NOT (id = ANY (?)) RETURNING target")) {
                release.setString(1, nodeId);
                release.setArray(2, c.createArrayOf("text", held.toArray()));
                toNotify.addAll(strings(release));
            }
        }
        reconnected = true;
    }

    private void notifyAll(Connection c) throws SQLException {
        if (toNotify.isEmpty()) {
            return;
        }
        PreparedStatement notify = statements.get(c, "SELECT pg_notify('" + NotificationListener.EVENTS
                + "', t) FROM unnest(?::text[]) AS t");
        notify.setArray(1, c.createArrayOf("text", toNotify.toArray()));
        notify.executeQuery().close();
        toNotify.clear();
    }

    @Override
    public CompletableFuture<Void> append(List<QueuedEvent> events) {
        int turn = Math.floorMod(nextAcceptWriter.getAndIncrement(), ACCEPT_WRITERS);
        return acceptWriters.get(turn).appends.add(events);
    }

    /**
     * New events as one statement: the rows travel as arrays, and the same statement notifies each
     * target once, when its transaction commits.
     */
    private static void insert(StatementCache statements, Connection c, List<QueuedEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        int n = events.size();
        String[] ids = new String[n];
        String[] targets = new String[n];
        String[] qualifiers = new String[n];
        byte[][] payloads = new byte[n][];
        String[] contexts = new String[n];
        Long[] acceptedAt = new Long[n];
        Long[] dueAt = new Long[n];
        for (int i = 0; i < n; i++) {
            QueuedEvent e = events.get(i);
            ids[i] = e.id();
            targets[i] = e.target();
            qualifiers[i] = e.qualifier();
            payloads[i] = e.payload();
            contexts[i] = e.clientContext();
            acceptedAt[i] = e.acceptedAt();
            dueAt[i] = e.dueAt();
        }
        PreparedStatement insert = statements.get(c, "WITH added AS (INSERT INTO events (id, target, qualifier, "
                + "payload, client_context, accepted_at, attempts, throttles, due_at, state) "
                + "SELECT id, target, qualifier, payload, client_context, accepted_at, 0, 0, due_at, 'QUEUED' "
                + "FROM unnest(?::text[], ?::text[], ?::text[], ?::bytea[], ?::text[], ?::bigint[], ?::bigint[]) "
                + "WITH ORDINALITY AS t(id, target, qualifier, payload, client_context, accepted_at, due_at, n) "
                + "ORDER BY n RETURNING target) "
                + "SELECT pg_notify('" + NotificationListener.EVENTS + "', target) FROM (SELECT DISTINCT target FROM added) d");
        insert.setArray(1, c.createArrayOf("text", ids));
        insert.setArray(2, c.createArrayOf("text", targets));
        insert.setArray(3, c.createArrayOf("text", qualifiers));
        insert.setArray(4, c.createArrayOf("bytea", payloads));
        insert.setArray(5, c.createArrayOf("text", contexts));
        insert.setArray(6, c.createArrayOf("int8", acceptedAt));
        insert.setArray(7, c.createArrayOf("int8", dueAt));
        insert.executeQuery().close();
    }

    @Override
    public CompletableFuture<Claim> claim(String target, long now, int max) {
        List<String> claimedIds = new ArrayList<>();
        CompletableFuture<Claim> claim = writer.submit(c -> {
            List<QueuedEvent> claimed = new ArrayList<>();
            if (max > 0) {
                PreparedStatement update = statements.get(c, "WITH picked AS (SELECT seq FROM events "
                        + "WHERE target = ? AND state IN ('QUEUED','RETRYING') AND due_at <= ? "
                        + "ORDER BY due_at, seq LIMIT ? FOR UPDATE SKIP LOCKED) "
                        + "UPDATE events e SET state = 'IN_FLIGHT', lease_owner = ? FROM picked WHERE e.seq = picked.seq "
                        + "RETURNING e.seq, e.id, e.target, e.qualifier, e.payload, e.client_context, e.accepted_at, "
                        + "e.attempts, e.throttles, e.due_at, e.state, e.last_error, e.condition, e.executed_version");
                update.setString(1, target);
                update.setLong(2, now);
                update.setInt(3, max);
                update.setString(4, nodeId);
                claimed.addAll(events(update));
                claimed.sort(Comparator.comparingLong(QueuedEvent::dueAt).thenComparingLong(QueuedEvent::seq));
                claimed.forEach(e -> claimedIds.add(e.id()));
                // Before the commit: the release after a lost connection must never take back an event we run.
                held.addAll(claimedIds);
            }
            PreparedStatement due = statements.get(c, "SELECT min(due_at) FROM events WHERE target = ? "
                    + "AND state IN ('QUEUED','RETRYING')");
            due.setString(1, target);
            long next = Long.MAX_VALUE;
            try (ResultSet rs = due.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    next = rs.getLong(1);
                }
            }
            return new Claim(claimed, next);
        });
        claim.whenComplete((ok, failure) -> {
            if (failure != null) {
                claimedIds.forEach(held::remove);
            }
        });
        return claim;
    }

    @Override
    public CompletableFuture<Void> settle(Settlement settlement) {
        String id = settlement.event().id();
        CompletableFuture<Void> settled = settlement instanceof Settlement.Delivered delivered
                ? deliveries.add(delivered)
                : writer.submit(c -> {
                    int changed = switch (settlement) {
                        case Settlement.Retry r -> update(c, id, EventState.RETRYING, r.attempts(), r.throttles(),
                                r.dueAt(), r.lastError(), null, r.executedVersion());
                        case Settlement.Dead d -> update(c, id, EventState.DEAD, d.attempts(), d.event().throttles(),
                                d.event().dueAt(), d.lastError(), d.condition(), d.executedVersion());
                        case Settlement.Delivered d -> throw new IllegalStateException("delivered events are coalesced");
                    };
                    // Not ours any more: our lease ran out and another node runs it. Its ending is recorded there.
                    if (changed == 1) {
                        insert(statements, c, settlement.followUps());
                    }
                    return null;
                });
        settled.thenRun(() -> held.remove(id));
        return settled;
    }

    /** Deletes delivered events that are still this node's, and stores the destination records of those only. */
    private void deleteDelivered(Connection c, List<Settlement.Delivered> delivered) throws SQLException {
        PreparedStatement delete = statements.get(c, "DELETE FROM events WHERE id = ANY (?) "
                + "AND state = 'IN_FLIGHT' AND lease_owner = ? RETURNING id");
        delete.setArray(1, c.createArrayOf("text", delivered.stream().map(d -> d.event().id()).toArray()));
        delete.setString(2, nodeId);
        Set<String> deleted = strings(delete);
        List<QueuedEvent> followUps = new ArrayList<>();
        for (Settlement.Delivered d : delivered) {
            if (deleted.contains(d.event().id())) {
                followUps.addAll(d.followUps());
            }
        }
        insert(statements, c, followUps);
    }

    private int update(Connection c, String id, EventState state, int attempts, int throttles, long dueAt,
                       String lastError, String condition, String executedVersion) throws SQLException {
        PreparedStatement update = statements.get(c, "UPDATE events SET state = ?, attempts = ?, throttles = ?, "
                + "due_at = ?, last_error = ?, condition = ?, executed_version = ?, lease_owner = NULL "
                + "WHERE id = ? AND state = 'IN_FLIGHT' AND lease_owner = ?");
        update.setString(1, state.name());
        update.setInt(2, attempts);
        update.setInt(3, throttles);
        update.setLong(4, dueAt);
        update.setString(5, lastError);
        update.setString(6, condition);
        update.setString(7, executedVersion);
        update.setString(8, id);
        update.setString(9, nodeId);
        return update.executeUpdate();
    }

    @Override
    public CompletableFuture<List<QueuedEvent>> list(String target, Set<EventState> states, int limit) {
        return writer.submit(c -> {
            PreparedStatement select = statements.get(c, "SELECT " + COLUMNS + " FROM events WHERE target = ? "
                    + "AND state = ANY (?) ORDER BY seq LIMIT ?");
            select.setString(1, target);
            select.setArray(2, c.createArrayOf("text", states.stream().map(Enum::name).toArray()));
            select.setInt(3, limit);
            return events(select);
        });
    }

    @Override
    public CompletableFuture<Optional<QueuedEvent>> find(String id) {
        return writer.submit(c -> {
            PreparedStatement select = statements.get(c, "SELECT " + COLUMNS + " FROM events WHERE id = ?");
            select.setString(1, id);
            return events(select).stream().findFirst();
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
    public CompletableFuture<Long> depth() {
        return writer.submit(c -> StoreRows.count(statements.get(c,
                "SELECT count(*) FROM events WHERE state <> 'DEAD'")));
    }

    @Override
    public String kind() {
        return "postgresql";
    }

    @Override
    public CompletableFuture<List<QueuedEvent>> redrive(String target, String id, long now) {
        return writer.submit(c -> {
            PreparedStatement update = statements.get(c, "UPDATE events SET state = 'QUEUED', attempts = 0, "
                    + "throttles = 0, accepted_at = ?, due_at = ?, condition = NULL, executed_version = NULL "
                    + "WHERE target = ? AND state = 'DEAD' AND (?::text IS NULL OR id = ?)" + RETURNING);
            update.setLong(1, now);
            update.setLong(2, now);
            update.setString(3, target);
            update.setString(4, id);
            update.setString(5, id);
            List<QueuedEvent> redriven = events(update);
            redriven.sort(Comparator.comparingLong(QueuedEvent::seq));
            if (!redriven.isEmpty()) {
                toNotify.add(target);
            }
            return redriven;
        });
    }

    /**
     * At start: takes back the events of nodes whose lease ran out (this node's own earlier life among
     * them) and names every target with pending events. Events other live nodes run are left alone.
     */
    @Override
    public CompletableFuture<Set<String>> recover() {
        return writer.submit(c -> {
            Set<String> targets = reclaim(c);
            targets.addAll(dueTargets(c, Long.MAX_VALUE));
            return targets;
        });
    }

    /** Returns the members of dead nodes' in-flight events to the queue, and forgets those nodes. */
    private Set<String> reclaim(Connection c) throws SQLException {
        PreparedStatement reclaim = statements.get(c, "UPDATE events e SET state = 'QUEUED', lease_owner = NULL "
                + "WHERE e.state = 'IN_FLIGHT' AND NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = e.lease_owner "
                + "AND n.lease_until >= " + DB_NOW + ") RETURNING e.target");
        Set<String> targets = strings(reclaim);
        toNotify.addAll(targets);
        PreparedStatement forget = statements.get(c, "DELETE FROM nodes WHERE lease_until < " + DB_NOW);
        forget.executeUpdate();
        return targets;
    }

    private Set<String> dueTargets(Connection c, long now) throws SQLException {
        PreparedStatement due = statements.get(c, "SELECT DISTINCT target FROM events "
                + "WHERE state IN ('QUEUED','RETRYING') AND due_at <= ?");
        due.setLong(1, now);
        return strings(due);
    }

    private static Set<String> strings(PreparedStatement statement) throws SQLException {
        Set<String> targets = new LinkedHashSet<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                targets.add(rs.getString(1));
            }
        }
        return targets;
    }

    /** Renews this node's lease, takes back dead nodes' events, and wakes the targets that have due events. */
    private void tick() {
        writer.submit(c -> {
            PreparedStatement renew = statements.get(c, "UPDATE nodes SET lease_until = " + DB_NOW + " + ? WHERE id = ?");
            renew.setLong(1, lease.toMillis());
            renew.setString(2, nodeId);
            if (renew.executeUpdate() == 0) {
                // Our lease ran out (a long pause, or cut off): what we ran went back to the queue.
                onConnect(c);
            }
            Set<String> wake = reclaim(c);
            wake.addAll(dueTargets(c, System.currentTimeMillis()));
            return wake;
        }).whenComplete((targets, failure) -> {
            StoreListener l = listener;
            if (targets != null && l != null) {
                targets.forEach(l::eventsArrived);
            }
        });
    }

    @Override
    public synchronized void listen(StoreListener listener) {
        this.listener = listener;
        if (notifications == null) {
            notifications = new NotificationListener(location, "overtime-store-listener",
                    List.of(NotificationListener.EVENTS, NotificationListener.CONFIGS),
                    pid -> pid == writerBackend || acceptWriters.stream().anyMatch(w -> w.backend == pid),
                    (channel, payload) -> {
                        if (channel.equals(NotificationListener.CONFIGS)) {
                            listener.configurationsChanged();
                        } else {
                            listener.eventsArrived(payload);
                        }
                    },
                    () -> {
                        listener.configurationsChanged();
                        tick();
                    });
            notifications.start();
        }
    }

    @Override
    public CompletableFuture<Map<String, String>> configurations() {
        return writer.submit(c -> StoreRows.pairs(statements.get(c,
                "SELECT function, document FROM event_invoke_configs ORDER BY function")));
    }

    @Override
    public CompletableFuture<Void> putConfiguration(String function, String json) {
        return writer.submit(c -> {
            PreparedStatement upsert = statements.get(c, "INSERT INTO event_invoke_configs (function, document) "
                    + "VALUES (?, ?) ON CONFLICT (function) DO UPDATE SET document = excluded.document");
            upsert.setString(1, function);
            upsert.setString(2, json);
            upsert.executeUpdate();
            notifyConfigs(c, function);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> deleteConfiguration(String function) {
        return writer.submit(c -> {
            PreparedStatement delete = statements.get(c, "DELETE FROM event_invoke_configs WHERE function = ?");
            delete.setString(1, function);
            delete.executeUpdate();
            notifyConfigs(c, function);
            return null;
        });
    }

    private void notifyConfigs(Connection c, String function) throws SQLException {
        PreparedStatement notify = statements.get(c, "SELECT pg_notify('" + NotificationListener.CONFIGS + "', ?)");
        notify.setString(1, function);
        notify.executeQuery().close();
    }

    private static List<QueuedEvent> events(PreparedStatement statement) throws SQLException {
        List<QueuedEvent> events = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                events.add(new QueuedEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBytes(5), rs.getString(6), rs.getLong(7), rs.getInt(8), rs.getInt(9), rs.getLong(10),
                        EventState.valueOf(rs.getString(11)), rs.getString(12), rs.getString(13), rs.getString(14)));
            }
        }
        return events;
    }

    /** Stops renewing and listening, gives back what this node held, and leaves the cluster. */
    @Override
    public void close() {
        ticker.shutdownNow();
        // Nothing runs here any more (the platform stops its environments first): what this node held
        // goes back to the queue now rather than when the lease runs out, and the node leaves.
        writer.submit(c -> {
            try (PreparedStatement release = c.prepareStatement("UPDATE events SET state = 'QUEUED', "
                    + "lease_owner = NULL WHERE state = 'IN_FLIGHT' AND lease_owner = ? RETURNING target")) {
                release.setString(1, nodeId);
                toNotify.addAll(strings(release));
            }
            try (PreparedStatement leave = c.prepareStatement("DELETE FROM nodes WHERE id = ?")) {
                leave.setString(1, nodeId);
                leave.executeUpdate();
            }
            return null;
        });
        synchronized (this) {
            if (notifications != null) {
                notifications.close();
            }
        }
        acceptWriters.forEach(AcceptWriter::close);
        writer.close();
        statements.close();
        connector.close();
    }

    @Override
    public String toString() {
        return "PostgresEventStore[" + location.redacted() + ", node " + nodeId + ", lease " + lease + "]";
    }
}
