package dev.overtime.platform.appsync.vtl;

import java.math.BigInteger;
import java.security.SecureRandom;

/** The sortable ids of {@code $util.autoUlid()} and {@code $util.autoKsuid()}. */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    /** KSUID counts seconds from 2014-05-13T16:53:20Z. */
    private static final long KSUID_EPOCH = 1_400_000_000L;

    private Ids() {
    }

    /** 26 Crockford base-32 characters: 48 bits of milliseconds, then 80 random bits. */
    static String ulid(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        BigInteger value = BigInteger.valueOf(epochMillis & 0xFFFF_FFFF_FFFFL).shiftLeft(80)
                .or(new BigInteger(1, random));
        return encode(value, CROCKFORD, 26);
    }

    /** 27 base-62 characters: 32 bits of seconds since the KSUID epoch, then 128 random bits. */
    static String ksuid(long epochSeconds) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        BigInteger value = BigInteger.valueOf((epochSeconds - KSUID_EPOCH) & 0xFFFF_FFFFL).shiftLeft(128)
                .or(new BigInteger(1, random));
        return encode(value, BASE62, 27);
    }

    private static String encode(BigInteger value, char[] alphabet, int length) {
        char[] out = new char[length];
        BigInteger base = BigInteger.valueOf(alphabet.length);
        for (int i = length - 1; i >= 0; i--) {
            BigInteger[] division = value.divideAndRemainder(base);
            out[i] = alphabet[division[1].intValue()];
            value = division[0];
        }
        return new String(out);
    }
}
