package dev.overtime.platform.async.store.postgres;

import dev.overtime.platform.async.store.GroupCommitWriter;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Items of one kind that arrive while the writer is busy, done together by one statement in its next
 * transaction: against a database server every statement is a round trip, so a batch of sixteen
 * appends costs one rather than sixteen. Each item's future completes with the commit that holds it.
 */
final class CoalescedWork<T> {

    /** Does every item in one go, inside the writer's transaction. */
    @FunctionalInterface
    interface Bulk<T> {
        void run(Connection connection, List<T> items) throws SQLException;
    }

    private record Pending<T>(T item, CompletableFuture<Void> done) {
    }

    private final GroupCommitWriter writer;
    private final Bulk<T> bulk;
    private final ConcurrentLinkedQueue<Pending<T>> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean queued = new AtomicBoolean();

    CoalescedWork(GroupCommitWriter writer, Bulk<T> bulk) {
        this.writer = writer;
        this.bulk = bulk;
    }

    CompletableFuture<Void> add(T item) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(new Pending<>(item, done));
        if (queued.compareAndSet(false, true)) {
            List<Pending<T>> taken = new ArrayList<>();
            writer.submit(c -> {
                if (taken.isEmpty()) {
                    take(taken);
                }
                bulk.run(c, taken.stream().map(Pending::item).toList());
                return null;
            }).whenComplete((ok, failure) -> {
                if (failure != null && taken.isEmpty()) {
                    // The batch failed before this work ran (no connection): fail what it would have taken.
                    take(taken);
                }
                for (Pending<T> p : taken) {
                    if (failure == null) {
                        p.done().complete(null);
                    } else {
                        p.done().completeExceptionally(failure);
                    }
                }
            });
        }
        return done;
    }

    /** Takes everything pending; an item added later queues work of its own. */
    private void take(List<Pending<T>> taken) {
        queued.set(false);
        for (Pending<T> p; (p = pending.poll()) != null; ) {
            taken.add(p);
        }
    }
}
