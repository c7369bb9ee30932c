package dev.overtime.platform.async;

/** How one delivery attempt of an event ended. */
sealed interface AttemptResult {

    /** The target took the event; {@code response} is what the function returned. */
    record Succeeded(byte[] response) implements AttemptResult {
    }

    /** The function ran and failed (an error, a timeout, a crash): counts toward the retry limit. */
    record FunctionFailed(String errorType, byte[] body) implements AttemptResult {
    }

    /** The target could not take the event now (a throttle, an unreachable webhook): backoff, no attempt counted. */
    record Deferred(String reason) implements AttemptResult {
    }
}
