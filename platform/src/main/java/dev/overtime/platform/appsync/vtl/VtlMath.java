package dev.overtime.platform.appsync.vtl;

import java.util.concurrent.ThreadLocalRandom;

/** {@code $util.math}. */
public final class VtlMath {
    static final VtlMath INSTANCE = new VtlMath();

    private VtlMath() {
    }

    /** Rounds half up to a whole number. */
    public long roundNum(Object value) {
        return Math.round(number(value));
    }

    public double minVal(Object a, Object b) {
        return Math.min(number(a), number(b));
    }

    public double maxVal(Object a, Object b) {
        return Math.max(number(a), number(b));
    }

    /** In [0, 1). */
    public double randomDouble() {
        return ThreadLocalRandom.current().nextDouble();
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    public long randomWithinRange(Object min, Object max) {
        long low = (long) number(min);
        long high = (long) number(max);
        if (low > high) {
            throw new IllegalArgumentException("randomWithinRange: " + low + " is above " + high);
        }
        return high == Long.MAX_VALUE ? ThreadLocalRandom.current().nextLong(low, high)
                : ThreadLocalRandom.current().nextLong(low, high + 1);
    }

    private static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value == null) {
            throw new IllegalArgumentException("Expected a number, got null");
        }
        try {
            return Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Expected a number, got '" + value + "'", e);
        }
    }
}
