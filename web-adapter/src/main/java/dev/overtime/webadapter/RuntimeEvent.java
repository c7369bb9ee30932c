package dev.overtime.webadapter;

/**
 * One event handed to the adapter, as the Runtime API's {@code GET /next} delivers it.
 *
 * @param deadlineMs epoch milliseconds by which the invocation must end; 0 when there is none
 */
public record RuntimeEvent(String requestId, long deadlineMs, String invokedFunctionArn, String traceId,
                           String clientContext, String cognitoIdentity, String tenantId, byte[] event) {
}
