package dev.overtime.bench;

import dev.overtime.platform.async.EventState;
import dev.overtime.platform.async.QueuedEvent;
import dev.overtime.platform.async.store.SqliteEventStore;
import dev.overtime.platform.invocation.RequestIds;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The event store's raw insert rate: plain JDBC inserts of the store's own statement into a fresh
 * SQLite file with the store's pragmas (WAL, {@code synchronous=FULL}), so every commit is on disk.
 * Each thread has its own connection, as independent writers would.
 */
final class StoreBaseline {

    /** One measured run; commit latencies are those of whole transactions. */
    record Result(String label, int threads, int rowsPerCommit, long rows, double seconds, long errors,
                  double commitP50Micros, double commitP99Micros) {
        double perSecond() {
            return rows / seconds;
        }
    }

    private static final String INSERT = "INSERT INTO events (id, target, payload, client_context, accepted_at, "
            + "attempts, throttles, due_at, state) VALUES (?,?,?,?,?,0,0,?,?)";

    static Result run(String label, Path folder, byte[] payload, int threads, int rowsPerCommit, double seconds)
            throws Exception {
        // The store itself creates the file, so the table and its index are exactly the store's.
        SqliteEventStore.open(folder).close();
        String url = "jdbc:sqlite:" + folder.resolve("events.db");
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder errors = new LongAdder();
        long[] rows = new long[threads];
        List<long[]> samples = new ArrayList<>();
        int[] commits = new int[threads];
        int capacity = 1_000_000 / threads;
        List<Thread> workers = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            connections.add(open(url));
        }
        for (int t = 0; t < threads; t++) {
            long[] mine = new long[capacity];
            samples.add(mine);
            int index = t;
            Connection c = connections.get(t);
            workers.add(Thread.ofPlatform().name("insert-" + t).start(() -> {
                try (c; PreparedStatement insert = c.prepareStatement(INSERT)) {
                    int n = 0;
                    while (running.get()) {
                        long start = System.nanoTime();
                        try {
                            long now = System.currentTimeMillis();
                            for (int i = 0; i < rowsPerCommit; i++) {
                                insert.setString(1, RequestIds.next());
                                insert.setString(2, "bench");
                                insert.setBytes(3, payload);
                                insert.setString(4, null);
                                insert.setLong(5, now);
                                insert.setLong(6, now);
                                insert.setString(7, EventState.QUEUED.name());
                                insert.addBatch();
                            }
                            insert.executeBatch();
                            c.commit();
                            rows[index] += rowsPerCommit;
                        } catch (SQLException e) {
                            errors.increment();
                            c.rollback();
                        }
                        if (n < mine.length) {
                            mine[n++] = System.nanoTime() - start;
                        }
                    }
                    commits[index] = n;
                } catch (SQLException e) {
                    errors.increment();
                }
            }));
        }
        long started = System.nanoTime();
        System.out.printf("  %s, %d thread(s), %d row(s) per commit, %.0f s%n", label, threads, rowsPerCommit, seconds);
        Thread.sleep((long) (seconds * 1000));
        running.set(false);
        for (Thread t : workers) {
            t.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] all = merged(samples, commits);
        return new Result(label, threads, rowsPerCommit, Arrays.stream(rows).sum(), elapsed, errors.sum(),
                percentile(all, 0.50), percentile(all, 0.99));
    }

    /**
     * The store's own path without HTTP: {@code threads} closed-loop callers of
     * {@link SqliteEventStore#append}, each waiting for its commit, as each HTTP caller waits for its 202.
     */
    static LoadDriver.Result append(String label, Path folder, byte[] payload, int threads, double seconds)
            throws Exception {
        try (SqliteEventStore store = SqliteEventStore.open(folder)) {
            AtomicBoolean running = new AtomicBoolean(true);
            int capacity = 1_000_000 / threads;
            List<long[]> samples = new ArrayList<>();
            int[] counts = new int[threads];
            int[] kept = new int[threads];
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long[] mine = new long[capacity];
                samples.add(mine);
                int index = t;
                callers.add(Thread.ofPlatform().name("append-" + t).start(() -> {
                    int n = 0;
                    while (running.get()) {
                        long start = System.nanoTime();
                        store.append(List.of(QueuedEvent.accepted(RequestIds.next(), "bench", payload, null,
                                System.currentTimeMillis()))).join();
                        if (n < mine.length) {
                            mine[n] = System.nanoTime() - start;
                        }
                        n++;
                    }
                    counts[index] = n;
                    kept[index] = Math.min(n, mine.length);
                }));
            }
            long started = System.nanoTime();
            System.out.printf("  %s, %d thread(s), %.0f s%n", label, threads, seconds);
            Thread.sleep((long) (seconds * 1000));
            running.set(false);
            for (Thread t : callers) {
                t.join();
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            long[] all = merged(samples, kept);
            return new LoadDriver.Result(label, threads, Arrays.stream(counts).sum(), elapsed, 0,
                    percentile(all, 0.50), percentile(all, 0.99));
        }
    }

    private static Connection open(String url) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            // Longer than the store's 5 s: 16 writers queue for one write lock, and a wait is not a failure here.
            s.execute("PRAGMA busy_timeout=60000");
        }
        c.setAutoCommit(false);
        return c;
    }

    /** Each thread's first {@code kept[t]} samples, together and sorted. */
    private static long[] merged(List<long[]> samples, int[] kept) {
        long[] all = new long[Arrays.stream(kept).sum()];
        int at = 0;
        for (int t = 0; t < kept.length; t++) {
            System.arraycopy(samples.get(t), 0, all, at, kept[t]);
            at += kept[t];
        }
        Arrays.sort(all);
        return all;
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1000.0;
    }
}
