package dev.overtime.platform.appsync.js;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mozilla.javascript.Callable;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.NativeArray;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Symbol;
import org.mozilla.javascript.Undefined;

/**
 * Copies values between plain JSON-like Java ({@code Map}, {@code List}, {@code String}, {@code Number},
 * {@code Boolean}, {@code null}) and fresh JavaScript objects and arrays. Copies, never views: a script cannot
 * reach a Java object, and a result never holds an engine object.
 */
final class JsValues {

    /** Deeper than any sensible result; stops circular structures from overflowing the stack. */
    private static final int MAX_DEPTH = 64;
    private static final double MAX_SAFE_INTEGER = 9007199254740991d;

    private JsValues() {
    }

    /** A Java value as a JavaScript value in {@code scope}. */
    static Object toJs(Context cx, Scriptable scope, Object value) {
        return toJs(cx, scope, value, 0);
    }

    private static Object toJs(Context cx, Scriptable scope, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nests deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number n) {
            return n instanceof Integer ? n : n.doubleValue();
        }
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Scriptable object = cx.newObject(scope);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                object.put(String.valueOf(e.getKey()), object, toJs(cx, scope, e.getValue(), depth + 1));
            }
            return object;
        }
        if (value instanceof List<?> list) {
            Object[] items = new Object[list.size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = toJs(cx, scope, list.get(i), depth + 1);
            }
            return cx.newArray(scope, items);
        }
        // Anything else (an enum, a date) reaches scripts as its text, never as a Java object.
        return value.toString();
    }

    /**
     * A JavaScript value as plain Java. Like {@code JSON.stringify}, properties holding {@code undefined} or
     * functions are left out, and {@code undefined}, {@code NaN} and infinities become {@code null}.
     *
     * @throws IllegalArgumentException for a circular or absurdly deep structure
     */
    static Object toJava(Object value) {
        return toJava(value, 0);
    }

    private static Object toJava(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nests deeper than " + MAX_DEPTH
                    + " levels (is it circular?)");
        }
        if (value == null || value instanceof Undefined || value instanceof Symbol || value instanceof Callable) {
            return null;
        }
        if (value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        if (value instanceof Number n) {
            return number(n);
        }
        if (value instanceof NativeArray array) {
            List<Object> list = new ArrayList<>((int) array.getLength());
            for (long i = 0, n = array.getLength(); i < n; i++) {
                list.add(toJava(array.get((int) i, array), depth + 1));
            }
            return list;
        }
        if (value instanceof ScriptableObject object) {
            String className = object.getClassName();
            if (!className.equals("Object")) {
                // Dates, boxed primitives, regular expressions: what JSON.stringify would write, as text.
                return Context.toString(ScriptableObject.getDefaultValue(object, String.class));
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (Object id : object.getIds()) {
                Object property = id instanceof Integer index ? object.get(index, object)
                        : object.get(id.toString(), object);
                if (property instanceof Undefined || property instanceof Callable) {
                    continue;
                }
                map.put(id.toString(), toJava(property, depth + 1));
            }
            return map;
        }
        return Context.toString(value);
    }

    /** Integral values come back as Integer or Long so that they print as {@code 3}, not {@code 3.0}. */
    private static Number number(Number n) {
        if (n instanceof Integer || n instanceof Long) {
            return n;
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return null;
        }
        if (d == Math.rint(d) && Math.abs(d) <= MAX_SAFE_INTEGER && !(d == 0 && 1 / d < 0)) {
            long l = (long) d;
            return l == (int) l ? (Number) (int) l : (Number) l;
        }
        return d;
    }
}
