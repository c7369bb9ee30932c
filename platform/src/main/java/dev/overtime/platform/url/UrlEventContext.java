package dev.overtime.platform.url;

import java.time.Instant;

/**
 * What the platform, not the client, contributes to a function URL event.
 *
 * @param urlId     the function URL's id, see {@link UrlIds}
 * @param region    the region, e.g. {@code us-east-1}
 * @param accountId the 12-digit account id
 * @param requestId the request id, also the invocation's request id
 * @param time      when the request arrived
 */
public record UrlEventContext(String urlId, String region, String accountId, String requestId, Instant time) {
}
