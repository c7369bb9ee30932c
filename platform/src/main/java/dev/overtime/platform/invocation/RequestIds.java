package dev.overtime.platform.invocation;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Lambda request ids: random version-4 UUIDs. They identify, they do not protect anything, so they
 * come from {@link ThreadLocalRandom} rather than {@code UUID.randomUUID()}, whose SecureRandom
 * takes a lock and reads {@code /dev/urandom} on every call of the invoke path.
 */
public final class RequestIds {
    private RequestIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
