package dev.overtime.lambda;

import dev.overtime.runtime.RuntimeServices;

/**
 * JSON to and from plain Java values, for functions that would rather not bundle Jackson: objects are
 * insertion-ordered {@link java.util.Map}s, arrays {@link java.util.List}s, numbers {@link Long} or
 * {@link Double}, and {@code true}/{@code false}/{@code null} are {@link Boolean} and null.
 */
public final class PlainJson {

    private PlainJson() {
    }

    /**
     * Parses one JSON document.
     *
     * @throws IllegalArgumentException if {@code text} is not JSON, naming the offset
     */
    public static Object parse(String text) {
        return RuntimeServices.parseJson(text);
    }

    /**
     * Writes a {@link java.util.Map}, {@link Iterable}, {@link CharSequence}, {@link Number},
     * {@link Boolean} or null, nested as deep as needed, as compact JSON.
     *
     * @throws IllegalArgumentException for any other type, or NaN and the infinities
     */
    public static String write(Object value) {
        return RuntimeServices.writeJson(value);
    }
}
