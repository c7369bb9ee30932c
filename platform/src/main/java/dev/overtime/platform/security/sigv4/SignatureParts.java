package dev.overtime.platform.security.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a SigV4 request says about its own signature, from the {@code Authorization} header or from a
 * presigned URL's {@code X-Amz-*} query parameters.
 *
 * @param accessKeyId   the key the caller signed with
 * @param date          the credential scope's date, {@code yyyyMMdd}
 * @param region        the credential scope's region
 * @param service       the credential scope's service, e.g. {@code lambda}
 * @param signedHeaders lower-case header names, in the order the caller listed them
 * @param signature     the hex signature
 * @param amzDate       {@code X-Amz-Date} as sent, {@code yyyyMMdd'T'HHmmss'Z'}
 * @param signedAt      {@code amzDate} as an instant
 * @param expires       how long a presigned URL is good for; null for a signed header
 * @param sessionToken  {@code X-Amz-Security-Token}, or null
 */
public record SignatureParts(String accessKeyId, String date, String region, String service,
                             List<String> signedHeaders, String signature, String amzDate, Instant signedAt,
                             Duration expires, String sessionToken) {

    public boolean presigned() {
        return expires != null;
    }

    public String scope() {
        return date + "/" + region + "/" + service + "/aws4_request";
    }
}
