package dev.overtime.platform.async.store;

import dev.overtime.platform.async.EventState;
import dev.overtime.platform.async.QueuedEvent;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The durable home of asynchronous events. A future completes only once its change is on disk, so
 * a caller that answers 202 after {@link #append} never answers for an event that can be lost.
 * Work is applied in the order it is submitted: a claim submitted after a settlement sees it.
 *
 * <p>Kept small on purpose: the embedded SQLite store is the default, and a shared store for
 * several platform nodes implements the same operations.
 */
public interface EventStore extends AutoCloseable {

    /** Stores new events; their {@code seq}, {@code attempts} and {@code state} are the store's. */
    CompletableFuture<Void> append(List<QueuedEvent> events);

    /**
     * Marks up to {@code max} pending events of {@code target} that are due by {@code now} as in
     * flight, oldest due first (then arrival order), and says when the next remaining one is due.
     */
    CompletableFuture<Claim> claim(String target, long now, int max);

    /** Records how an in-flight event ended, and stores its follow-up events in the same commit. */
    CompletableFuture<Void> settle(Settlement settlement);

    /** Pending, in-flight, retrying or dead events of a target, oldest first. */
    CompletableFuture<List<QueuedEvent>> list(String target, Set<EventState> states, int limit);

    CompletableFuture<Optional<QueuedEvent>> find(String id);

    /** How many events of {@code target} are in each state. */
    CompletableFuture<Map<EventState, Long>> counts(String target);

    /**
     * Puts dead events of {@code target} back in the queue with fresh age and attempts: the one with
     * {@code id}, or all of them when {@code id} is null. Returns the redriven events.
     */
    CompletableFuture<List<QueuedEvent>> redrive(String target, String id, long now);

    /**
     * At start: events that were in flight when the platform stopped go back to the queue (they
     * may have run: at-least-once). Returns every target that has pending events.
     */
    CompletableFuture<Set<String>> recover();

    /** Event-invoke configurations set through the API, by function name, as JSON documents. */
    CompletableFuture<Map<String, String>> configurations();

    CompletableFuture<Void> putConfiguration(String function, String json);

    CompletableFuture<Void> deleteConfiguration(String function);

    /** How many events are waiting, retrying or in flight, over every target. */
    CompletableFuture<Long> depth();

    /** What kind of store this is, for health checks: {@code sqlite} or {@code postgresql}. */
    String kind();

    /**
     * Tells {@code listener} about changes made elsewhere (other nodes sharing the store). A store that
     * only this platform writes has nothing to tell.
     */
    default void listen(StoreListener listener) {
    }

    @Override
    void close();

    /** Claimed events, and the due time of the next pending one ({@code Long.MAX_VALUE} when none). */
    record Claim(List<QueuedEvent> events, long nextDueAt) {
    }

    /** How an in-flight event ended. */
    sealed interface Settlement {
        QueuedEvent event();

        /** Records to deliver because of this ending (destination records), stored atomically with it. */
        List<QueuedEvent> followUps();

        /** It succeeded: the event leaves the store. */
        record Delivered(QueuedEvent event, List<QueuedEvent> followUps) implements Settlement {
        }

        /** It will be tried again at {@code dueAt}; {@code executedVersion} is what the last attempt ran, or null. */
        record Retry(QueuedEvent event, int attempts, int throttles, long dueAt, String lastError,
                     String executedVersion) implements Settlement {
            @Override
            public List<QueuedEvent> followUps() {
                return List.of();
            }
        }

        /** It will not be tried again: it stays as a dead event until redriven. */
        record Dead(QueuedEvent event, int attempts, String condition, String lastError, String executedVersion,
                    List<QueuedEvent> followUps) implements Settlement {
        }

    }
}
