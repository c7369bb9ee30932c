package dev.overtime.platform.environment;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * The parked workers of one function, taken most recently parked first: that worker's runtime
 * thread and caches are the warmest. A taker may name the thread that will write its answer; a
 * worker served by that same thread comes first, so one invoke's reads and writes stay on one
 * selector thread and several selectors never hand invokes to each other. Not thread-safe: the
 * pool's lock guards it.
 */
final class ParkedWorkers {
    private final ArrayDeque<Worker> workers = new ArrayDeque<>();

    void park(Worker worker) {
        workers.addLast(worker);
    }

    /** The most recently parked worker whose home is {@code near}, else the most recently parked one; null if none. */
    Worker take(Executor near) {
        if (near != null) {
            for (Iterator<Worker> it = workers.descendingIterator(); it.hasNext(); ) {
                Worker candidate = it.next();
                if (candidate.home() == near) {
                    it.remove();
                    return candidate;
                }
            }
        }
        return workers.pollLast();
    }

    void removeIf(Predicate<Worker> filter) {
        workers.removeIf(filter);
    }
}
