package dev.overtime.platform.environment;

import dev.overtime.platform.invocation.Invocation;

import java.util.function.Consumer;

/**
 * One parked {@code /next} request of a runtime: a promise to take exactly one invocation. The
 * Runtime API door creates it with the code that writes the event to the runtime.
 */
public final class Worker {
    private final Environment environment;
    private final Consumer<Invocation> writer;

    public Worker(Environment environment, Consumer<Invocation> writer) {
        this.environment = environment;
        this.writer = writer;
    }

    public Environment environment() {
        return environment;
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
