package dev.overtime.platform.invocation;

/**
 * What a door asks of a function: the payload and the caller's context, already validated.
 *
 * @param functionName    the function's name
 * @param invokedArn      the ARN the caller used, with its qualifier if it gave one
 * @param payload         the event, a JSON document
 * @param clientContext   the decoded {@code X-Amz-Client-Context} JSON, or {@code null}
 * @param cognitoIdentity Cognito identity JSON, or {@code null}
 * @param traceId         the X-Ray trace header value
 * @param tailLogs        whether the caller asked for {@code X-Amz-Log-Type: Tail}
 */
public record InvocationRequest(
        String functionName,
        String invokedArn,
        byte[] payload,
        String clientContext,
        String cognitoIdentity,
        String traceId,
        boolean tailLogs) {
}
