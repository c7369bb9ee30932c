package dev.overtime.platform.environment;

import dev.overtime.platform.invocation.InvocationOutcome;

import java.util.function.Function;

/** A function process could not be started; carries the error the waiting invocation receives. */
public final class LaunchException extends Exception {
    private final transient Function<String, InvocationOutcome.Failure> failure;

    public LaunchException(String message, Function<String, InvocationOutcome.Failure> failure) {
        super(message);
        this.failure = failure;
    }

    /** The failure for the invocation with this request id. */
    public InvocationOutcome.Failure failureFor(String requestId) {
        return failure.apply(requestId);
    }
}
