package dev.overtime.platform.http;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * How many connections of each kind every selector serves, and which selector takes the next one:
 * the one with the fewest of its kind, the lowest-numbered among equals.
 *
 * <p>Why by kind: an invoke stays on one selector only if its caller's connection and a parked
 * runtime's connection share it. Jetty's round robin over all accepted connections can put every
 * caller on one selector and every runtime on the other, and then each invoke crosses threads twice.
 * Balanced by kind, a single caller and a single environment share selector 0, and 16 callers and 16
 * environments on 2 selectors split 8 and 8 of each.
 */
final class SelectorBalance {

    enum Kind { CALLER, RUNTIME }

    private final AtomicIntegerArray[] counts = new AtomicIntegerArray[Kind.values().length];

    SelectorBalance(int selectors) {
        if (selectors < 1) {
            throw new IllegalArgumentException("at least one selector, got " + selectors);
        }
        for (int k = 0; k < counts.length; k++) {
            counts[k] = new AtomicIntegerArray(selectors);
        }
    }

    /** Picks the selector for a new connection of {@code kind} and counts the connection there. */
    int place(Kind kind) {
        AtomicIntegerArray of = counts[kind.ordinal()];
        int best = 0;
        for (int i = 1; i < of.length(); i++) {
            if (of.get(i) < of.get(best)) {
                best = i;
            }
        }
        of.incrementAndGet(best);
        return best;
    }

    /** A connection placed by {@link #place} has ended. */
    void release(Kind kind, int selector) {
        counts[kind.ordinal()].decrementAndGet(selector);
    }

    int count(Kind kind, int selector) {
        return counts[kind.ordinal()].get(selector);
    }
}
