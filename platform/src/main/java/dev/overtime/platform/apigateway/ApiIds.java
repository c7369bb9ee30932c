package dev.overtime.platform.apigateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Stable ids in AWS's style: ten lowercase letters and digits derived from what they name. */
public final class ApiIds {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private ApiIds() {
    }

    /** A ten-character id for {@code parts}, the same on every start. */
    public static String of(String... parts) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
            char[] id = new char[10];
            for (int i = 0; i < id.length; i++) {
                id[i] = ALPHABET[(hash[i] & 0xff) % ALPHABET.length];
            }
            return new String(id);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A resource's id ({@code requestContext.resourceId}), as a REST API gives each path one. */
    public static String resourceId(String apiId, String resourcePath) {
        return of(apiId, resourcePath).substring(0, 6);
    }
}
