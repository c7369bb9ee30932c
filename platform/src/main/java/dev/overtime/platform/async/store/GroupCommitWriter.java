package dev.overtime.platform.async.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The one thread that touches the database. Work queued while a commit is on disk runs together in
 * the next transaction, so many callers share one fsync (group commit), and no future completes
 * before the transaction that holds its change has committed. If one piece of work fails, the batch
 * is rolled back and each piece runs again in its own transaction, so only the faulty one fails.
 * If the connection itself is lost, the whole batch fails with {@link EventStoreUnavailableException}
 * at once, and the {@link Connector} is asked for a new connection by the next batch.
 */
public final class GroupCommitWriter implements AutoCloseable {

    /** Work on the connection inside an open transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Where the writer's connection comes from; all three run on the writer's thread. */
    public interface Connector {
        /** The connection to run the next batch on; throws when the database cannot be reached. */
        Connection connection() throws SQLException;

        /** Runs last in every transaction, just before its commit. */
        default void beforeCommit(Connection connection) throws SQLException {
        }

        /** Ends a batch's transaction; a connection in autocommit mode has committed each statement already. */
        default void commit(Connection connection) throws SQLException {
            connection.commit();
        }

        /** Called when a batch failed: true if {@code connection} is lost (then dropped), so the batch is not rerun. */
        default boolean lost(Connection connection, SQLException failure) {
            return false;
        }
    }

    private record Task<T>(Work<T> work, CompletableFuture<T> done) {
    }

    private static final int MAX_BATCH = 4096;
    private static final Task<Void> STOP = new Task<>(c -> null, new CompletableFuture<>());

    private final Connector connector;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    /** A writer on one connection that lives as long as the writer (an embedded database). */
    public GroupCommitWriter(Connection connection, String name) {
        this(() -> connection, name);
    }

    public GroupCommitWriter(Connector connector, String name) {
        this.connector = connector;
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::loop);
    }

    public <T> CompletableFuture<T> submit(Work<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the event store is closed"));
            return done;
        }
        queue.add(new Task<>(work, done));
        return done;
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>();
        List<Object> results = new ArrayList<>();
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                boolean stop = batch.remove(STOP);
                runBatch(batch, results);
                batch.clear();
                results.clear();
                if (stop) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failRemaining();
    }

    private void runBatch(List<Task<?>> batch, List<Object> results) {
        if (batch.isEmpty()) {
            return;
        }
        Connection connection;
        try {
            connection = connector.connection();
        } catch (SQLException e) {
            failAll(batch, new EventStoreUnavailableException(e));
            return;
        }
        try {
            for (Task<?> task : batch) {
                results.add(task.work().run(connection));
            }
            connector.beforeCommit(connection);
            connector.commit(connection);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection);
            if (e instanceof SQLException failure && connector.lost(connection, failure)) {
                // Whether the commit happened is unknown; none of these callers is told it did.
                failAll(batch, new EventStoreUnavailableException(failure));
                return;
            }
            if (batch.size() > 1) {
                // One task failed: none of the batch is on disk. Run each alone, so only that one fails.
                for (Task<?> task : batch) {
                    results.clear();
                    runBatch(List.of(task), results);
                }
            } else {
                batch.getFirst().done().completeExceptionally(e instanceof SQLException
                        ? new IllegalStateException("the event store could not commit: " + e.getMessage(), e) : e);
            }
            return;
        }
        // Completing here, not on another thread: a hand-off per batch measured slower (docs/benchmarks.md).
        // The Invoke API writes its 202s from the callers' selector threads, so this stays cheap.
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Task<T> task, Object result) {
        task.done().complete((T) result);
    }

    private static void failAll(List<Task<?>> batch, RuntimeException failure) {
        for (Task<?> task : batch) {
            task.done().completeExceptionally(failure);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; every later task fails on its own.
        }
    }

    private void failRemaining() {
        List<Task<?>> rest = new ArrayList<>();
        queue.drainTo(rest);
        for (Task<?> task : rest) {
            task.done().completeExceptionally(new IllegalStateException("the event store is closed"));
        }
    }

    /** Runs what is queued, then stops the thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
