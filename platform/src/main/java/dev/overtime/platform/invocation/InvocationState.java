package dev.overtime.platform.invocation;

/**
 * Where one invocation is in its life. The caller is released at {@link #COMPLETED}; the
 * environment only at {@link #SETTLED}, when the runtime has asked for its next event. Keeping
 * those two moments apart is what makes work after the response possible.
 *
 * <pre>
 * ACCEPTED --dispatch--> DISPATCHED --response/error/timeout/crash--> COMPLETED --next--> SETTLED
 * ACCEPTED --------------------- fail before dispatch ---------------> COMPLETED -------> SETTLED
 * </pre>
 */
public enum InvocationState {
    /** Accepted by a door, waiting for a worker of the function's environment pool. */
    ACCEPTED,
    /** The event was handed to a runtime on {@code /next}. */
    DISPATCHED,
    /** The caller has its outcome: a response or an error. */
    COMPLETED,
    /** The environment is done with it (the runtime called {@code /next} again, or died). */
    SETTLED
}
