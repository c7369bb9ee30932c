package dev.overtime.platform.async.store;

import dev.overtime.platform.async.EventState;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading the answers both stores' queries share the shape of. */
public final class StoreRows {

    private StoreRows() {
    }

    /** {@code SELECT state, count(*) ... GROUP BY state} as a count for every state, 0 for those absent. */
    public static Map<EventState, Long> countsByState(PreparedStatement select) throws SQLException {
        Map<EventState, Long> counts = new EnumMap<>(EventState.class);
        for (EventState state : EventState.values()) {
            counts.put(state, 0L);
        }
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                counts.put(EventState.valueOf(rs.getString(1)), rs.getLong(2));
            }
        }
        return counts;
    }

    /** The one number a {@code SELECT count(*)} answers. */
    public static long count(PreparedStatement select) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Two text columns as an ordered map, first to second. */
    public static Map<String, String> pairs(PreparedStatement select) throws SQLException {
        Map<String, String> pairs = new LinkedHashMap<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                pairs.put(rs.getString(1), rs.getString(2));
            }
        }
        return pairs;
    }
}
