package dev.overtime.lambda;

import dev.overtime.runtime.RuntimeServices;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Hands work to another function as an asynchronous ({@code Event}) invoke: the Lambda API stores
 * the event durably, answers 202, and delivers it later, with its retries and destinations. For
 * work that must outlive this invocation or survive a failure, where {@link AfterResponse} would
 * run it once, unretried, in this environment.
 *
 * <p>The Lambda API is the one at {@code AWS_ENDPOINT_URL_LAMBDA}, else {@code AWS_ENDPOINT_URL},
 * which Overtime sets for its functions. The request is not signed, so this runtime needs no AWS
 * SDK. On AWS, where neither variable is set, use the AWS SDK's {@code LambdaClient} with
 * {@code InvocationType.EVENT} instead.
 */
public final class AsyncHandoff {

    static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_LAMBDA";
    static final String GENERAL_ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";

    private AsyncHandoff() {
    }

    /**
     * Queues {@code jsonPayload} as an event for {@code functionName} and returns once the Lambda
     * API has accepted it (HTTP 202).
     *
     * @param functionName a function name, partial or full ARN, optionally with a qualifier
     * @return the request id of the queued invocation, or null if the API sent none
     * @throws UnsupportedOperationException when no Lambda endpoint is configured (e.g. on AWS)
     * @throws IllegalStateException when the API refused the invoke (unknown function, ...)
     * @throws java.io.UncheckedIOException when the API could not be reached
     */
    public static String invoke(String functionName, String jsonPayload) {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(jsonPayload, "jsonPayload");
        String endpoint = endpoint();
        if (endpoint == null) {
            throw new UnsupportedOperationException("AsyncHandoff needs the Lambda API's address in "
                    + ENDPOINT_VARIABLE + " (or " + GENERAL_ENDPOINT_VARIABLE + "), which Overtime sets for its"
                    + " functions. Neither is set: on AWS, invoke with the AWS SDK's LambdaClient and"
                    + " InvocationType.EVENT instead.");
        }
        return RuntimeServices.invokeEvent(endpoint, functionName, jsonPayload.getBytes(StandardCharsets.UTF_8));
    }

    private static String endpoint() {
        for (String name : new String[] {ENDPOINT_VARIABLE, GENERAL_ENDPOINT_VARIABLE}) {
            String value = System.getenv(name);
            if (value != null && !value.trim().isEmpty()) {
                return value.trim();
            }
        }
        return null;
    }
}
