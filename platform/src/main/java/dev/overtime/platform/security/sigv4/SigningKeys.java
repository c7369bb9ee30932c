package dev.overtime.platform.security.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SigV4's derived signing keys, cached per (secret, date, region, service): a key is good for a day,
 * so a warm request does one HMAC (over its string to sign) instead of five.
 */
public final class SigningKeys {

    /** Past this many keys the cache starts over; keys are per day, so it refills in one request each. */
    private static final int MAX_KEYS = 4096;

    private record Scope(String secret, String date, String region, String service) {
    }

    private final ConcurrentHashMap<Scope, byte[]> keys = new ConcurrentHashMap<>();

    public byte[] key(String secret, String date, String region, String service) {
        Scope scope = new Scope(secret, date, region, service);
        byte[] known = keys.get(scope);
        if (known != null) {
            return known;
        }
        if (keys.size() >= MAX_KEYS) {
            keys.clear();
        }
        byte[] derived = derive(secret, date, region, service);
        keys.put(scope, derived);
        return derived;
    }

    static byte[] derive(String secret, String date, String region, String service) {
        byte[] dateKey = Hashing.hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        byte[] regionKey = Hashing.hmac(dateKey, region);
        byte[] serviceKey = Hashing.hmac(regionKey, service);
        return Hashing.hmac(serviceKey, "aws4_request");
    }
}
