package dev.overtime.platform.appsync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * AppSync's ids, derived from what they name so that they are the same at every start of the same stack: callers
 * keep API ids and keys in their settings. API ids and function ids are 26 lowercase letters and digits, as
 * AppSync's are; API keys are {@code da2-} and 26 more.
 */
public final class GraphQlIds {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int LENGTH = 26;
    private static final String KEY_PREFIX = "da2-";

    private GraphQlIds() {
    }

    /** The id of the GraphQL API declared as {@code logicalId} in the stack. */
    public static String apiId(String stackName, String logicalId) {
        return hash("api", stackName, logicalId);
    }

    /**
     * The value of the API key declared as {@code keyLogicalId} for the API whose id is {@code apiId}.
     */
    public static String apiKey(String stackName, String apiId, String keyLogicalId) {
        return KEY_PREFIX + hash("api-key", stackName, apiId, keyLogicalId);
    }

    /** The {@code FunctionId} of the pipeline function declared as {@code logicalId} in the stack. */
    public static String functionId(String stackName, String logicalId) {
        return hash("function", stackName, logicalId);
    }

    private static String hash(String... parts) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
            char[] id = new char[LENGTH];
            for (int i = 0; i < id.length; i++) {
                id[i] = ALPHABET[(hash[i] & 0xff) % ALPHABET.length];
            }
            return new String(id);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
