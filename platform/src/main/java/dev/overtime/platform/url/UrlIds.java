package dev.overtime.platform.url;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Function URL ids and the addresses built from them. */
public final class UrlIds {

    /** AWS's url-ids are 32 lowercase alphanumerics. */
    public static final int LENGTH = 32;

    private UrlIds() {
    }

    /**
     * A stable url-id for a function: the first 32 lowercase hex digits of
     * SHA-256 over region, account id and function name, so the same function
     * keeps its URL across restarts.
     */
    public static String urlId(String region, String accountId, String functionName) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // NUL separators keep ("ab","c") and ("a","bc") apart.
            byte[] digest = sha.digest((region + '\0' + accountId + '\0' + functionName)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** {@code <url-id>.lambda-url.<region>.on.aws}, the event's {@code requestContext.domainName}. */
    public static String domainName(String urlId, String region) {
        return urlId + ".lambda-url." + region + ".on.aws";
    }

    /** {@code https://<url-id>.lambda-url.<region>.on.aws/}, the form AWS reports as FunctionUrl. */
    public static String functionUrl(String urlId, String region) {
        return "https://" + domainName(urlId, region) + "/";
    }
}
