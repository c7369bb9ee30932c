package dev.overtime.platform.security.sigv4;

import dev.overtime.platform.security.AuthError;
import dev.overtime.platform.security.AuthFailure;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/** Reads {@link SignatureParts} from the {@code Authorization} header or a presigned URL's query. */
public final class SignatureParser {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    /** AWS's longest presigned URL: seven days. */
    private static final long MAX_EXPIRES_SECONDS = 604_800;

    private SignatureParser() {
    }

    /** The request's signature parts; a request with neither form is {@code MissingAuthenticationToken}. */
    public static SignatureParts parse(SignedRequest request) throws AuthFailure {
        String authorization = request.headers().get("Authorization");
        if (authorization != null) {
            return fromHeader(authorization.trim(), request);
        }
        if (request.rawQuery() != null && request.rawQuery().contains("X-Amz-Signature=")) {
            return fromQuery(request.query());
        }
        throw new AuthFailure(AuthError.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
    }

    private static SignatureParts fromHeader(String authorization, SignedRequest request) throws AuthFailure {
        if (!authorization.startsWith(ALGORITHM + " ")) {
            throw incomplete("Authorization header requires the " + ALGORITHM + " algorithm. Authorization="
                    + authorization.split(" ", 2)[0]);
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : authorization.substring(ALGORITHM.length() + 1).split(",")) {
            String item = part.trim();
            int eq = item.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String value = item.substring(eq + 1).trim();
            switch (item.substring(0, eq).trim()) {
                case "Credential" -> credential = value;
                case "SignedHeaders" -> signedHeaders = value;
                case "Signature" -> signature = value;
                default -> { }
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw incomplete("Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. "
                    + "Authorization=" + ALGORITHM);
        }
        String amzDate = request.headers().get("X-Amz-Date");
        if (amzDate == null) {
            throw incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        return parts(credential, signedHeaders, signature, amzDate, null,
                request.headers().get("X-Amz-Security-Token"));
    }

    private static SignatureParts fromQuery(List<QueryParameter> query) throws AuthFailure {
        String algorithm = QueryParameter.first(query, "X-Amz-Algorithm");
        String credential = QueryParameter.first(query, "X-Amz-Credential");
        String signedHeaders = QueryParameter.first(query, "X-Amz-SignedHeaders");
        String signature = QueryParameter.first(query, "X-Amz-Signature");
        String amzDate = QueryParameter.first(query, "X-Amz-Date");
        String expires = QueryParameter.first(query, "X-Amz-Expires");
        if (!ALGORITHM.equals(algorithm) || credential == null || signedHeaders == null || amzDate == null
                || expires == null) {
            throw incomplete("A presigned URL requires X-Amz-Algorithm=" + ALGORITHM
                    + ", X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders and X-Amz-Signature.");
        }
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 1 || seconds > MAX_EXPIRES_SECONDS) {
            throw incomplete("X-Amz-Expires must be between 1 and " + MAX_EXPIRES_SECONDS + " seconds, got " + expires);
        }
        return parts(credential, signedHeaders, signature, amzDate, Duration.ofSeconds(seconds),
                QueryParameter.first(query, "X-Amz-Security-Token"));
    }

    private static SignatureParts parts(String credential, String signedHeaders, String signature, String amzDate,
                                        Duration expires, String sessionToken) throws AuthFailure {
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty() || !scope[4].equals("aws4_request")) {
            throw incomplete("Credential must have the form <key>/<yyyyMMdd>/<region>/<service>/aws4_request, got "
                    + credential);
        }
        Instant signedAt = amzInstant(amzDate);
        if (signedAt == null) {
            throw incomplete("X-Amz-Date must be in the ISO 8601 basic form yyyyMMdd'T'HHmmss'Z', got " + amzDate);
        }
        if (!amzDate.startsWith(scope[1])) {
            throw new AuthFailure(AuthError.INVALID_SIGNATURE, "Date in Credential scope does not match YYYYMMDD "
                    + "from ISO-8601 version of date from HTTP: '" + scope[1] + "' != '" + amzDate.substring(0, 8)
                    + "', from '" + amzDate + "'.");
        }
        return new SignatureParts(scope[0], scope[1], scope[2], scope[3],
                Arrays.asList(signedHeaders.split(";")), signature, amzDate, signedAt, expires, sessionToken);
    }

    /** {@code yyyyMMdd'T'HHmmss'Z'} read by hand: a formatter costs more than the rest of the parse. */
    static Instant amzInstant(String text) {
        if (text.length() != 16 || text.charAt(8) != 'T' || text.charAt(15) != 'Z') {
            return null;
        }
        for (int i = 0; i < 15; i++) {
            if (i != 8 && (text.charAt(i) < '0' || text.charAt(i) > '9')) {
                return null;
            }
        }
        try {
            return LocalDateTime.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 4, 6, 10),
                    Integer.parseInt(text, 6, 8, 10), Integer.parseInt(text, 9, 11, 10),
                    Integer.parseInt(text, 11, 13, 10), Integer.parseInt(text, 13, 15, 10)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static AuthFailure incomplete(String message) {
        return new AuthFailure(AuthError.INCOMPLETE_SIGNATURE, message);
    }
}
