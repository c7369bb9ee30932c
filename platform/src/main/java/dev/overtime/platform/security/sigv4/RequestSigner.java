package dev.overtime.platform.security.sigv4;

import org.eclipse.jetty.http.HttpFields;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Signs the {@code overtime} CLI's requests to a platform that runs {@code serve --auth iam}, with the
 * same canonical request {@link SignatureVerifier} checks: the {@code Authorization} header over
 * {@code host}, {@code x-amz-date}, the session token and the request's own headers, and the body's hash.
 */
public final class RequestSigner {

    /** The caller's keys, as the AWS CLI and SDKs read them from {@code AWS_ACCESS_KEY_ID} and friends. */
    public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    }

    private final SigningKeys keys = new SigningKeys();

    /** The headers to add to the request: {@code X-Amz-Date}, the session token if any, {@code Authorization}. */
    public Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body,
                                    Credentials credentials, String region, String service, Instant now) {
        String amzDate = SignatureParser.AMZ_DATE.format(now.atOffset(ZoneOffset.UTC));
        Map<String, String> added = new LinkedHashMap<>();
        added.put("X-Amz-Date", amzDate);
        if (credentials.sessionToken() != null) {
            added.put("X-Amz-Security-Token", credentials.sessionToken());
        }
        HttpFields.Mutable fields = HttpFields.build().add("host", uri.getRawAuthority());
        headers.forEach(fields::add);
        added.forEach(fields::add);
        List<String> signed = new ArrayList<>();
        fields.forEach(field -> signed.add(field.getName().toLowerCase(Locale.ROOT)));
        signed.sort(null);
        SignatureParts parts = new SignatureParts(credentials.accessKeyId(), amzDate.substring(0, 8), region, service,
                signed, null, amzDate, now, null, credentials.sessionToken());
        byte[] key = keys.key(credentials.secretAccessKey(), parts.date(), region, service);
        String signature = SignatureVerifier.signature(new SignedRequest(method, uri.getRawPath(), uri.getRawQuery(),
                fields), parts, key, Hashing.sha256Hex(body));
        added.put("Authorization", SignatureParser.ALGORITHM + " Credential=" + credentials.accessKeyId() + "/"
                + parts.scope() + ", SignedHeaders=" + String.join(";", signed) + ", Signature=" + signature);
        return added;
    }
}
