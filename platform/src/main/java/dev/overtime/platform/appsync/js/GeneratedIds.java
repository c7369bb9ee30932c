package dev.overtime.platform.appsync.js;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.UUID;

/** The identifiers {@code util.autoId}, {@code util.autoUlid} and {@code util.autoKsuid} generate. */
final class GeneratedIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final long KSUID_EPOCH_SECONDS = 1_400_000_000L;

    private GeneratedIds() {
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    /** 26 Crockford base32 characters: 48 bits of milliseconds, then 80 random bits. */
    static String ulid(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        BigInteger value = BigInteger.valueOf(epochMillis & 0xFFFF_FFFF_FFFFL).shiftLeft(80)
                .or(new BigInteger(1, random));
        char[] out = new char[26];
        for (int i = 25; i >= 0; i--) {
            out[i] = CROCKFORD[value.intValue() & 31];
            value = value.shiftRight(5);
        }
        return new String(out);
    }

    /** 27 base62 characters: 32 bits of seconds since the KSUID epoch, then 128 random bits. */
    static String ksuid(long epochMillis) {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        long seconds = epochMillis / 1000 - KSUID_EPOCH_SECONDS;
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) (seconds >>> (24 - 8 * i));
        }
        BigInteger value = new BigInteger(1, bytes);
        BigInteger base = BigInteger.valueOf(62);
        char[] out = new char[27];
        for (int i = 26; i >= 0; i--) {
            BigInteger[] qr = value.divideAndRemainder(base);
            out[i] = BASE62.charAt(qr[1].intValue());
            value = qr[0];
        }
        return new String(out);
    }
}
