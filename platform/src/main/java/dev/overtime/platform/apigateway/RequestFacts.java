package dev.overtime.platform.apigateway;

import dev.overtime.platform.security.Caller;

import java.time.Instant;
import java.util.Map;

/**
 * What API Gateway knows about a request besides the request itself: its ids, its time, and what an
 * authorizer said about the caller.
 *
 * @param requestId   {@code requestContext.requestId}
 * @param time        when the request arrived
 * @param accountId   the account the API belongs to
 * @param domainName  {@code {apiId}.execute-api.localhost}, or the host the caller used
 * @param authorizer  the authorizer's output (principalId and context), empty when none ran
 * @param caller      who signed the request of an {@code AWS_IAM} route, or null
 */
public record RequestFacts(String requestId, Instant time, String accountId, String domainName,
                           Map<String, Object> authorizer, Caller caller) {

    public RequestFacts {
        authorizer = authorizer == null ? Map.of() : Map.copyOf(authorizer);
    }

    public RequestFacts(String requestId, Instant time, String accountId, String domainName,
                        Map<String, Object> authorizer) {
        this(requestId, time, accountId, domainName, authorizer, null);
    }

    /** These facts with what an authorizer said about the caller. */
    public RequestFacts withAuthorizer(Map<String, Object> context) {
        return new RequestFacts(requestId, time, accountId, domainName, context, caller);
    }

    /** The first label of the domain name. */
    public String domainPrefix() {
        int dot = domainName.indexOf('.');
        return dot < 0 ? domainName : domainName.substring(0, dot);
    }
}
