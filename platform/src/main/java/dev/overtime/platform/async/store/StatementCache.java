package dev.overtime.platform.async.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Prepared statements by SQL text, kept for the connection's life. Not thread-safe: one thread uses it. */
public final class StatementCache implements AutoCloseable {

    private final Map<String, PreparedStatement> bySql = new HashMap<>();

    public PreparedStatement get(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = bySql.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            bySql.put(sql, statement);
        }
        return statement;
    }

    @Override
    public void close() {
        for (PreparedStatement statement : bySql.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // Closing the connection next releases it anyway.
            }
        }
        bySql.clear();
    }
}
