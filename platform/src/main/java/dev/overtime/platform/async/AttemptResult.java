package dev.overtime.platform.async;

/**
 * How one delivery attempt of an event ended. {@code executedVersion} is the function version the
 * attempt ran ({@code $LATEST} or a number); {@code null} for a webhook, or when the event's
 * qualifier named no version any more, so nothing ran.
 */
sealed interface AttemptResult {

    /** The target took the event; {@code response} is what the function returned. */
    record Succeeded(byte[] response, String executedVersion) implements AttemptResult {
    }

    /**
     * The function ran and failed (an error, a timeout, a crash), or the event's alias or version is
     * gone: counts toward the retry limit.
     */
    record FunctionFailed(String errorType, byte[] body, String executedVersion) implements AttemptResult {
    }

    /** The target could not take the event now (a throttle, an unreachable webhook): backoff, no attempt counted. */
    record Deferred(String reason) implements AttemptResult {
    }
}
