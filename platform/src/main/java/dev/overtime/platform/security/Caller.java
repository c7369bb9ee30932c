package dev.overtime.platform.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who signed a request that was allowed, as AWS hands it to functions
 * ({@code requestContext.authorizer.iam} of a Function URL or HTTP API event).
 */
public record Caller(String accessKey, String accountId, String userArn, String userId) {

    /** AWS's {@code callerId}: the user's unique id for an IAM user. */
    public String callerId() {
        return userId;
    }

    /** {@code requestContext.authorizer.iam} of a Function URL or HTTP API (payload 2.0) event, in AWS's order. */
    public Map<String, Object> iamAuthorizer() {
        Map<String, Object> iam = new LinkedHashMap<>();
        iam.put("accessKey", accessKey);
        iam.put("accountId", accountId);
        iam.put("callerId", callerId());
        iam.put("cognitoIdentity", null);
        iam.put("principalOrgId", null);
        iam.put("userArn", userArn);
        iam.put("userId", userId);
        return iam;
    }

    static Caller of(Principal principal) {
        return new Caller(principal.accessKeyId(), principal.accountId(), principal.userArn(), principal.userId());
    }
}
