package dev.overtime.platform.environment;

import dev.overtime.platform.invocation.Invocation;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One parked {@code /next} request of a runtime: a promise to take exactly one invocation. The
 * Runtime API door creates it with the thread that serves its connection and the code that writes
 * the event to the runtime.
 */
public final class Worker {
    private final Environment environment;
    private final Executor home;
    private final Consumer<Invocation> writer;

    /**
     * @param home the thread that serves the {@code /next} connection (its selector); the pool
     *             prefers a worker whose home is the caller's, so an invoke stays on one thread
     */
    public Worker(Environment environment, Executor home, Consumer<Invocation> writer) {
        this.environment = environment;
        this.home = home;
        this.writer = writer;
    }

    public Environment environment() {
        return environment;
    }

    Executor home() {
        return home;
    }

    /**
     * Dispatches the invocation to this worker's environment and writes the event. If it can no
     * longer be dispatched, the worker is offered to the pool again instead. Call outside any lock.
     */
    void deliver(Invocation invocation) {
        if (environment.dispatched(invocation)) {
            writer.accept(invocation);
        } else {
            environment.pool().reoffer(this);
        }
    }
}
