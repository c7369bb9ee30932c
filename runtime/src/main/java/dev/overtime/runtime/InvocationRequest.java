package dev.overtime.runtime;

/**
 * What {@code GET /runtime/invocation/next} returned: the event and the headers that describe it.
 * A wire class; handlers see it through {@link InvocationContext}.
 */
final class InvocationRequest {
    final String requestId;
    /** Deadline in epoch milliseconds; 0 when the header was missing. */
    final long deadlineMs;
    final String invokedFunctionArn;
    final String traceId;
    /** Raw JSON of the {@code Lambda-Runtime-Client-Context} header, or null. */
    final String clientContextJson;
    /** Raw JSON of the {@code Lambda-Runtime-Cognito-Identity} header, or null. */
    final String cognitoIdentityJson;
    final String tenantId;
    final byte[] payload;

    InvocationRequest(String requestId, long deadlineMs, String invokedFunctionArn, String traceId,
                      String clientContextJson, String cognitoIdentityJson, String tenantId, byte[] payload) {
        this.requestId = requestId;
        this.deadlineMs = deadlineMs;
        this.invokedFunctionArn = invokedFunctionArn;
        this.traceId = traceId;
        this.clientContextJson = clientContextJson;
        this.cognitoIdentityJson = cognitoIdentityJson;
        this.tenantId = tenantId;
        this.payload = payload;
    }
}
