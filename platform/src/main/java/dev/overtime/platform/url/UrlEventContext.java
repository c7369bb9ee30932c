package dev.overtime.platform.url;

import dev.overtime.platform.security.Caller;

import java.time.Instant;

/**
 * What the platform, not the client, contributes to a function URL event.
 *
 * @param urlId     the function URL's id, see {@link UrlIds}
 * @param region    the region, e.g. {@code us-east-1}
 * @param accountId the 12-digit account id
 * @param requestId the request id, also the invocation's request id
 * @param time      when the request arrived
 * @param caller    who signed the request of an {@code AWS_IAM} URL ({@code requestContext.authorizer.iam}); null
 *                  for {@code NONE}
 */
public record UrlEventContext(String urlId, String region, String accountId, String requestId, Instant time,
                              Caller caller) {

    public UrlEventContext(String urlId, String region, String accountId, String requestId, Instant time) {
        this(urlId, region, accountId, requestId, time, null);
    }
}
