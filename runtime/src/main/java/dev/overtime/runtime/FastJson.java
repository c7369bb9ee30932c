package dev.overtime.runtime;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts {@code Map<String, Object>} and {@code String} handler types exactly as AWS's Jackson
 * configuration does, without loading Jackson, for the documents and values where the result is
 * certain: strict JSON in, plain JDK maps, collections, strings, numbers and booleans out.
 * Anything else (lenient syntax Jackson tolerates, a BOM, trailing content, huge numbers, other
 * value types) is declined, and the caller hands it to Jackson. Jackson's class loading is most
 * of a cold start, and these two shapes are what most small functions use.
 *
 * <p>The rules mirror what Jackson does with {@code JacksonFactory}'s settings: objects become
 * {@link LinkedHashMap}, arrays {@link ArrayList}, integers the smallest of Integer and Long,
 * other numbers Double; on output null map values are left out, surrogates are written as
 * {@code \\uXXXX} escapes, other control characters as short or upper-case {@code \\u00XX} escapes.
 * {@code FastJsonTest} checks this against Jackson itself.
 */
final class FastJson {

    /** {@link #read} could not be sure; use Jackson. */
    static final Object DECLINED = new Object();

    private static final int MAX_DEPTH = 100;
    private static final int MAX_NUMBER_LENGTH = 64;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String s;
    private int i;

    private FastJson(String s) {
        this.s = s;
    }

    /** Whether {@code type} is one this class converts: {@code String} or {@code Map<String, Object>}. */
    static boolean supports(Type type) {
        if (type == String.class) {
            return true;
        }
        if (type instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) type;
            Type[] args = p.getActualTypeArguments();
            return p.getRawType() == Map.class && args.length == 2 && args[0] == String.class && args[1] == Object.class;
        }
        return false;
    }

    /** The value Jackson would read for a {@link #supports supported} type, or {@link #DECLINED}. */
    static Object read(byte[] json, Type type) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json)).toString();
        } catch (CharacterCodingException e) {
            return DECLINED;
        }
        FastJson p = new FastJson(text);
        try {
            p.skipSpace();
            Object value;
            if (p.literal("null")) {
                value = null;
            } else if (type == String.class && p.peek() == '"') {
                value = p.string();
            } else if (type != String.class && p.peek() == '{') {
                value = p.object(0);
            } else {
                return DECLINED;
            }
            p.skipSpace();
            // Jackson ignores what follows the value; declining keeps the rules here simple.
            return p.i == text.length() ? value : DECLINED;
        } catch (Decline d) {
            return DECLINED;
        }
    }

    /** The JSON Jackson would write for {@code value} of a {@link #supports supported} type, or null. */
    static byte[] write(Object value, Type type) {
        StringBuilder sb = new StringBuilder(128);
        try {
            if (value == null) {
                sb.append("null");
            } else if (type == String.class && value instanceof String) {
                string(sb, (String) value);
            } else if (type != String.class && value instanceof Map && isJdk(value)) {
                map(sb, (Map<?, ?>) value, 0);
            } else {
                return null;
            }
        } catch (Decline d) {
            return null;
        }
        // Every surrogate was escaped above, so this encoding is lossless.
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- reading

    private Map<String, Object> object(int depth) {
        if (depth > MAX_DEPTH) {
            throw Decline.INSTANCE;
        }
        i++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            i++;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw Decline.INSTANCE;
            }
            String key = string();
            skipSpace();
            if (peek() != ':') {
                throw Decline.INSTANCE;
            }
            i++;
            skipSpace();
            map.put(key, value(depth));
            skipSpace();
            char c = peek();
            i++;
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw Decline.INSTANCE;
            }
        }
    }

    private List<Object> array(int depth) {
        if (depth > MAX_DEPTH) {
            throw Decline.INSTANCE;
        }
        i++;
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            i++;
            return list;
        }
        while (true) {
            skipSpace();
            list.add(value(depth));
            skipSpace();
            char c = peek();
            i++;
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw Decline.INSTANCE;
            }
        }
    }

    private Object value(int depth) {
        char c = peek();
        if (c == '{') {
            return object(depth + 1);
        } else if (c == '[') {
            return array(depth + 1);
        } else if (c == '"') {
            return string();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        } else if (literal("true")) {
            return Boolean.TRUE;
        } else if (literal("false")) {
            return Boolean.FALSE;
        } else if (literal("null")) {
            return null;
        }
        throw Decline.INSTANCE;
    }

    private String string() {
        i++;
        StringBuilder sb = null;
        int start = i;
        while (true) {
            char c = peek();
            if (c == '"') {
                String tail = s.substring(start, i);
                i++;
                return sb == null ? tail : sb.append(tail).toString();
            }
            if (c < 0x20) {
                throw Decline.INSTANCE; // Jackson is set to accept raw control characters; leave them to it
            }
            if (c != '\\') {
                i++;
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            sb.append(s, start, i);
            int next = JsonEscapes.decode(s, i + 1, sb);
            if (next < 0) {
                throw Decline.INSTANCE; // Jackson is set to accept any escaped character; leave it to it
            }
            i = next;
            start = i;
        }
    }

    private Object number() {
        int start = i;
        if (s.charAt(i) == '-') {
            i++;
        }
        char c = peek();
        if (c == '0') {
            i++;
        } else if (c >= '1' && c <= '9') {
            skipDigits();
        } else {
            throw Decline.INSTANCE;
        }
        boolean integer = true;
        if (i < s.length() && s.charAt(i) == '.') {
            integer = false;
            i++;
            requireDigits();
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            integer = false;
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            requireDigits();
        }
        String text = s.substring(start, i);
        if (text.length() > MAX_NUMBER_LENGTH) {
            throw Decline.INSTANCE;
        }
        if (!integer) {
            return Double.parseDouble(text);
        }
        if (text.length() - (text.charAt(0) == '-' ? 1 : 0) > 18) {
            throw Decline.INSTANCE; // Long or BigInteger; Jackson decides
        }
        long v = Long.parseLong(text);
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) Integer.valueOf((int) v) : (Object) Long.valueOf(v);
    }

    private void requireDigits() {
        int from = i;
        skipDigits();
        if (i == from) {
            throw Decline.INSTANCE;
        }
    }

    private void skipDigits() {
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
    }

    private boolean literal(String word) {
        if (s.startsWith(word, i)) {
            i += word.length();
            return true;
        }
        return false;
    }

    private char peek() {
        if (i >= s.length()) {
            throw Decline.INSTANCE;
        }
        return s.charAt(i);
    }

    private void skipSpace() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            i++;
        }
    }

    // ---- writing

    private static void map(StringBuilder sb, Map<?, ?> map, int depth) {
        if (depth > MAX_DEPTH) {
            throw Decline.INSTANCE;
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object key = e.getKey();
            if (key == null || key.getClass() != String.class) {
                throw Decline.INSTANCE;
            }
            Object v = e.getValue();
            if (v == null) {
                continue; // AWS's mapper is set to leave out null values, map entries included
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            string(sb, (String) key);
            sb.append(':');
            value(sb, v, depth);
        }
        sb.append('}');
    }

    private static void value(StringBuilder sb, Object v, int depth) {
        if (v == null) {
            sb.append("null");
            return;
        }
        Class<?> c = v.getClass();
        if (c == String.class) {
            string(sb, (String) v);
        } else if (c == Integer.class || c == Long.class || c == Short.class || c == Byte.class
                || c == BigInteger.class || c == Boolean.class) {
            sb.append(v);
        } else if (c == Double.class) {
            double d = (Double) v;
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw Decline.INSTANCE;
            }
            sb.append(Double.toString(d));
        } else if (c == Float.class) {
            float f = (Float) v;
            if (Float.isNaN(f) || Float.isInfinite(f)) {
                throw Decline.INSTANCE;
            }
            sb.append(Float.toString(f));
        } else if (v instanceof Map && isJdk(v)) {
            map(sb, (Map<?, ?>) v, depth + 1);
        } else if (v instanceof Collection && isJdk(v)) {
            if (depth > MAX_DEPTH) {
                throw Decline.INSTANCE;
            }
            sb.append('[');
            boolean first = true;
            for (Object element : (Collection<?>) v) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                value(sb, element, depth + 1);
            }
            sb.append(']');
        } else {
            throw Decline.INSTANCE;
        }
    }

    /** JDK collections only: a function's own subclass may carry Jackson annotations. */
    private static boolean isJdk(Object v) {
        return v.getClass().getName().startsWith("java.util.");
    }

    private static void string(StringBuilder sb, String value) {
        sb.append('"');
        int n = value.length();
        for (int k = 0; k < n; k++) {
            char c = value.charAt(k);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
                sb.append(c);
                continue;
            }
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\b': sb.append("\\b"); break;
                case '\t': sb.append("\\t"); break;
                case '\n': sb.append("\\n"); break;
                case '\f': sb.append("\\f"); break;
                case '\r': sb.append("\\r"); break;
                default:
                    sb.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                            .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
            }
        }
        sb.append('"');
    }

    /** Unwinds a parse or write that is not certain to match Jackson. */
    private static final class Decline extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Decline INSTANCE = new Decline();

        private Decline() {
            super(null, null, false, false);
        }
    }
}
