package dev.overtime.platform.invocation;

import java.nio.charset.StandardCharsets;

/** What the caller of an invocation gets: a response, or an error in Lambda's shape. */
public sealed interface InvocationOutcome {

    /** The runtime posted a response. */
    record Response(byte[] body, String contentType) implements InvocationOutcome {
    }

    /**
     * The invocation failed: the runtime posted an error, or the platform ended it (timeout,
     * crash, oversized response, failed init). Callers see {@code X-Amz-Function-Error: Unhandled}.
     *
     * @param errorType Lambda's {@code Category.Reason} or the function's own type, e.g. {@code Sandbox.Timedout}
     * @param body      the JSON error document the caller receives
     */
    record Failure(String errorType, byte[] body) implements InvocationOutcome {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * The runtime is streaming its response: the caller is released at the first byte, and the
     * chunks follow through {@link StreamedResponse}.
     */
    record Streamed(StreamedResponse stream) implements InvocationOutcome {
    }

    /**
     * The invocation was accepted but no environment could take it after all (its environment died
     * and the function is at its concurrency limit). Doors answer 429 TooManyRequestsException.
     */
    record Throttled(String reason) implements InvocationOutcome {
    }
}
