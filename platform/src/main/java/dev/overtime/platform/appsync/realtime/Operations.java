package dev.overtime.platform.appsync.realtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A connection's operations by id, at most {@code limit} at once. */
final class Operations {

    /** Why an operation cannot be added. */
    enum Refusal { DUPLICATE_ID, LIMIT_REACHED }

    private final int limit;
    private final Map<String, Operation> byId = new LinkedHashMap<>();
    private boolean closed;

    Operations(int limit) {
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    /** Adds it, or says why not; after {@link #stopAll} every operation added is stopped at once. */
    Refusal add(Operation operation) {
        boolean stopNow;
        synchronized (this) {
            if (byId.containsKey(operation.id())) {
                return Refusal.DUPLICATE_ID;
            }
            if (byId.size() >= limit) {
                return Refusal.LIMIT_REACHED;
            }
            stopNow = closed;
            if (!stopNow) {
                byId.put(operation.id(), operation);
            }
        }
        if (stopNow) {
            operation.stop();
        }
        return null;
    }

    synchronized void remove(Operation operation) {
        byId.remove(operation.id(), operation);
    }

    /** Removes and returns the operation with this id, or null. */
    synchronized Operation take(String id) {
        return byId.remove(id);
    }

    void stopAll() {
        List<Operation> running;
        synchronized (this) {
            closed = true;
            running = new ArrayList<>(byId.values());
            byId.clear();
        }
        running.forEach(Operation::stop);
    }
}
