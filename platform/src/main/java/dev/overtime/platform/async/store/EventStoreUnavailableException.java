package dev.overtime.platform.async.store;

import java.sql.SQLException;

/**
 * The event store cannot be reached (a shared database is down or unreachable). Nothing the failed
 * work did may be taken as stored; doors answer 503 ServiceException, and the store reconnects by itself.
 */
public final class EventStoreUnavailableException extends IllegalStateException {

    public EventStoreUnavailableException(SQLException cause) {
        super("the event store is unreachable: " + cause.getMessage(), cause);
    }

    /** True if {@code failure}, or what it wraps, says the store is unreachable. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EventStoreUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
