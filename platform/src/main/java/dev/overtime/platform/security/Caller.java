package dev.overtime.platform.security;

/**
 * Who signed a request that was allowed, as AWS hands it to functions
 * ({@code requestContext.authorizer.iam} of a Function URL or HTTP API event).
 */
public record Caller(String accessKey, String accountId, String userArn, String userId) {

    /** AWS's {@code callerId}: the user's unique id for an IAM user. */
    public String callerId() {
        return userId;
    }

    static Caller of(Principal principal) {
        return new Caller(principal.accessKeyId(), principal.accountId(), principal.userArn(), principal.userId());
    }
}
