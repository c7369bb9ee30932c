package dev.overtime.platform.security.sigv4;

/**
 * What the platform knows of an access key: its secret, and the session token that must come with it
 * (null for long-term keys, which must come without one).
 */
public record SigningSecret(String secretAccessKey, String sessionToken) {
}
