package dev.overtime.platform.async.store.postgres;

import dev.overtime.platform.async.store.GroupCommitWriter;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The writer's connection to PostgreSQL, replaced when it is lost. While the server cannot be reached,
 * one attempt to connect is made per second and every batch in between fails at once, so callers get
 * their 503 without waiting on a connect timeout each.
 */
final class ReconnectingConnector implements GroupCommitWriter.Connector {

    /** Work on the connection, in a transaction of its own or the batch's. */
    @FunctionalInterface
    interface Step {
        void run(Connection connection) throws SQLException;
    }

    private static final long RETRY_NANOS = 1_000_000_000L;

    private final PostgresLocation location;
    private final String applicationName;
    private final Step onConnect;
    private final Step beforeCommit;
    private final Runnable onLost;
    private final boolean autocommit;
    private Connection current;
    private SQLException lastFailure;
    private long failedAt;

    /**
     * @param onConnect    runs on every new connection, in a transaction committed before any batch uses it
     * @param beforeCommit runs last in every batch's transaction
     * @param onLost       runs when a connection is dropped, before the next one is opened
     */
    ReconnectingConnector(PostgresLocation location, String applicationName, Step onConnect, Step beforeCommit,
                          Runnable onLost) {
        this(location, applicationName, onConnect, beforeCommit, onLost, false);
    }

    /**
     * @param autocommit each statement commits by itself, saving the {@code COMMIT} round trip: only for
     *                   a writer whose every piece of work is one statement
     */
    ReconnectingConnector(PostgresLocation location, String applicationName, Step onConnect, Step beforeCommit,
                          Runnable onLost, boolean autocommit) {
        this.autocommit = autocommit;
        this.location = location;
        this.applicationName = applicationName;
        this.onConnect = onConnect;
        this.beforeCommit = beforeCommit;
        this.onLost = onLost;
    }

    /** A new connection in autocommit mode, for work outside the writer (migrations, LISTEN). */
    static Connection open(PostgresLocation location, String applicationName) throws SQLException {
        return DriverManager.getConnection(location.jdbcUrl(), location.properties(applicationName));
    }

    @Override
    public Connection connection() throws SQLException {
        if (current != null) {
            return current;
        }
        if (lastFailure != null && System.nanoTime() - failedAt < RETRY_NANOS) {
            throw lastFailure;
        }
        Connection fresh = null;
        try {
            fresh = open(location, applicationName);
            fresh.setAutoCommit(autocommit);
            onConnect.run(fresh);
            if (!autocommit) {
                fresh.commit();
            }
            current = fresh;
            lastFailure = null;
            return fresh;
        } catch (SQLException e) {
            closeQuietly(fresh);
            lastFailure = e;
            failedAt = System.nanoTime();
            throw e;
        }
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        if (!autocommit) {
            connection.commit();
        }
    }

    @Override
    public void beforeCommit(Connection connection) throws SQLException {
        beforeCommit.run(connection);
    }

    @Override
    public boolean lost(Connection connection, SQLException failure) {
        if (!isConnectionFailure(connection, failure)) {
            return false;
        }
        closeQuietly(connection);
        if (connection == current) {
            current = null;
            onLost.run();
        }
        return true;
    }

    /** Class 08 is a connection exception; 57P01 to 57P03 a server shutting down, crashed or starting. */
    private static boolean isConnectionFailure(Connection connection, SQLException failure) {
        String state = failure.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
            return true;
        }
        try {
            return connection.isClosed() || !connection.isValid(2);
        } catch (SQLException e) {
            return true;
        }
    }

    void close() {
        closeQuietly(current);
        current = null;
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Already broken: nothing more to release.
        }
    }
}
