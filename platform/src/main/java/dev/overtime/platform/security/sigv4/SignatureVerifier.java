package dev.overtime.platform.security.sigv4;

import dev.overtime.platform.security.AuthError;
import dev.overtime.platform.security.AuthFailure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Function;

/**
 * Verifies AWS Signature Version 4: a signed {@code Authorization} header or a presigned URL, the
 * payload hash ({@code x-amz-content-sha256}, {@code UNSIGNED-PAYLOAD}, signed aws-chunked bodies),
 * session tokens and a five-minute clock skew. CPU only, so it runs inline on a selector thread.
 */
public final class SignatureVerifier {

    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final String MISMATCH = "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation "
            + "for details.";

    /** A request whose signature holds: who signed it, the scope they signed for, and the body as sent. */
    public record Verified(SignatureParts parts, byte[] body) {
    }

    private final SigningKeys keys = new SigningKeys();
    private final Clock clock;
    private final String region;

    public SignatureVerifier(Clock clock, String region) {
        this.clock = clock;
        this.region = region;
    }

    /**
     * Checks {@code request}'s signature over {@code body} (as read from the wire); the returned body is
     * the payload the doors should see (an aws-chunked body decoded).
     */
    public Verified verify(SignedRequest request, byte[] body, Function<String, SigningSecret> secrets)
            throws AuthFailure {
        SignatureParts parts = SignatureParser.parse(request);
        SigningSecret secret = secrets.apply(parts.accessKeyId());
        if (secret == null || !Objects.equals(secret.sessionToken(), parts.sessionToken())) {
            throw AuthFailure.invalidToken();
        }
        if (!parts.region().equals(region)) {
            throw new AuthFailure(AuthError.INVALID_SIGNATURE, "Credential should be scoped to a valid region. "
                    + "This platform serves '" + region + "', the request was signed for '" + parts.region() + "'.");
        }
        checkTime(parts);
        byte[] key = keys.key(secret.secretAccessKey(), parts.date(), parts.region(), parts.service());
        String claimed = request.headers().get("x-amz-content-sha256");
        if (claimed == null) {
            String actual = Hashing.sha256Hex(body);
            // A presigned URL may have been signed before its body was known.
            if (!matches(request, parts, key, actual)
                    && !(parts.presigned() && matches(request, parts, key, UNSIGNED_PAYLOAD))) {
                throw new AuthFailure(AuthError.INVALID_SIGNATURE, MISMATCH);
            }
            return new Verified(parts, body);
        }
        if (!matches(request, parts, key, claimed)) {
            throw new AuthFailure(AuthError.INVALID_SIGNATURE, MISMATCH);
        }
        if (claimed.equals(AwsChunkedPayload.STREAMING_SIGNED)) {
            return new Verified(parts, AwsChunkedPayload.decode(body, parts, key));
        }
        if (!claimed.equals(UNSIGNED_PAYLOAD) && !Hashing.sameSignature(Hashing.sha256Hex(body), claimed)) {
            throw new AuthFailure(AuthError.INVALID_SIGNATURE,
                    "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        return new Verified(parts, body);
    }

    private boolean matches(SignedRequest request, SignatureParts parts, byte[] key, String payloadHash) {
        return Hashing.sameSignature(signature(request, parts, key, payloadHash), parts.signature());
    }

    /** The signature of {@code request} as {@code parts} scope it, with the signing key {@code key}. */
    static String signature(SignedRequest request, SignatureParts parts, byte[] key, String payloadHash) {
        String stringToSign = SignatureParser.ALGORITHM + "\n" + parts.amzDate() + "\n" + parts.scope() + "\n"
                + Hashing.sha256Hex(CanonicalRequest.of(request, parts, payloadHash));
        return Hashing.hex(Hashing.hmac(key, stringToSign));
    }

    private void checkTime(SignatureParts parts) throws AuthFailure {
        Instant now = clock.instant();
        Instant signedAt = parts.signedAt();
        if (signedAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw new AuthFailure(AuthError.INVALID_SIGNATURE, "Signature not yet current: " + parts.amzDate()
                    + " is still later than " + format(now.plus(CLOCK_SKEW)) + " (" + format(now) + " + 5 min.)");
        }
        if (parts.presigned()) {
            Instant expiry = signedAt.plus(parts.expires());
            if (now.isAfter(expiry)) {
                throw new AuthFailure(AuthError.INVALID_SIGNATURE, "Signature expired: " + format(expiry)
                        + " is now earlier than " + format(now) + " (the presigned URL expired)");
            }
        } else if (signedAt.isBefore(now.minus(CLOCK_SKEW))) {
            throw new AuthFailure(AuthError.INVALID_SIGNATURE, "Signature expired: " + parts.amzDate()
                    + " is now earlier than " + format(now.minus(CLOCK_SKEW)) + " (" + format(now) + " - 5 min.)");
        }
    }

    private static String format(Instant instant) {
        return SignatureParser.AMZ_DATE.format(instant.atOffset(ZoneOffset.UTC));
    }
}
