package dev.overtime.platform.invocation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One invocation of a function, from the moment a door accepts it until the environment is done
 * with it. Doors create it and wait on {@link #outcome()} (the caller's answer) and, when they need
 * the logs, on {@link #settlement()}. The environment drives the transitions.
 *
 * <p>Transitions are compare-and-set on {@link InvocationState}: the first of a response, an error,
 * a timeout or a crash wins, and every later one is refused (the Runtime API turns that refusal into
 * {@code 403 InvalidStateTransition}).
 */
public final class Invocation {

    private final String requestId;
    private final InvocationRequest request;
    private final long acceptedNanos = System.nanoTime();
    private final AtomicReference<InvocationState> state = new AtomicReference<>(InvocationState.ACCEPTED);
    private final CompletableFuture<InvocationOutcome> outcome = new CompletableFuture<>();
    private final CompletableFuture<Settlement> settlement = new CompletableFuture<>();
    private volatile long dispatchedNanos;
    private volatile long deadlineEpochMillis;

    public Invocation(InvocationRequest request) {
        this(RequestIds.next(), request);
    }

    public Invocation(String requestId, InvocationRequest request) {
        this.requestId = requestId;
        this.request = request;
    }

    public String requestId() {
        return requestId;
    }

    public InvocationRequest request() {
        return request;
    }

    public InvocationState state() {
        return state.get();
    }

    /** Completes with what the caller receives. Never completes exceptionally. */
    public CompletableFuture<InvocationOutcome> outcome() {
        return outcome;
    }

    /** Completes once the environment is free of this invocation. Never completes exceptionally. */
    public CompletableFuture<Settlement> settlement() {
        return settlement;
    }

    public long acceptedNanos() {
        return acceptedNanos;
    }

    public long dispatchedNanos() {
        return dispatchedNanos;
    }

    public long deadlineEpochMillis() {
        return deadlineEpochMillis;
    }

    /** ACCEPTED to DISPATCHED; false if it already completed (for example it was given up on). */
    public boolean dispatch(long deadlineEpochMillis) {
        this.dispatchedNanos = System.nanoTime();
        this.deadlineEpochMillis = deadlineEpochMillis;
        return state.compareAndSet(InvocationState.ACCEPTED, InvocationState.DISPATCHED);
    }

    /** ACCEPTED or DISPATCHED to COMPLETED; false if something else completed it first. */
    public boolean complete(InvocationOutcome result) {
        InvocationState current = state.get();
        while (current == InvocationState.ACCEPTED || current == InvocationState.DISPATCHED) {
            if (state.compareAndSet(current, InvocationState.COMPLETED)) {
                outcome.complete(result);
                return true;
            }
            current = state.get();
        }
        return false;
    }

    /** COMPLETED to SETTLED. An invocation that never completed is completed with {@code ifUnanswered} first. */
    public boolean settle(Settlement done, InvocationOutcome ifUnanswered) {
        complete(ifUnanswered);
        if (state.compareAndSet(InvocationState.COMPLETED, InvocationState.SETTLED)) {
            settlement.complete(done);
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "Invocation[" + requestId + " " + request.functionName() + " " + state.get() + "]";
    }
}
