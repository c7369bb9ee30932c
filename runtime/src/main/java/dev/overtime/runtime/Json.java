package dev.overtime.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the runtime itself needs: reading the client-context and Cognito headers, and
 * quoting strings for error bodies and JSON log lines. Handler payloads never pass through here;
 * they go through AWS's serializers. Kept apart so that neither path loads Jackson or Gson.
 */
final class Json {

    private final String s;
    private int i;

    private Json(String s) {
        this.s = s;
    }

    /**
     * Parses a JSON document into {@link Map} (insertion-ordered), {@link List}, {@link String},
     * {@link Long} or {@link Double}, {@link Boolean}, or null.
     *
     * @throws IllegalArgumentException if it is not JSON
     */
    static Object parse(String text) {
        Json p = new Json(text);
        p.skipSpace();
        Object value = p.value();
        p.skipSpace();
        if (p.i != text.length()) {
            throw p.error("trailing characters");
        }
        return value;
    }

    /** Appends {@code value} as a JSON string literal, or {@code null}. */
    static StringBuilder quote(StringBuilder sb, String value) {
        if (value == null) {
            return sb.append("null");
        }
        sb.append('"');
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append("\\u");
                        String hex = Integer.toHexString(c);
                        for (int pad = hex.length(); pad < 4; pad++) {
                            sb.append('0');
                        }
                        sb.append(hex);
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"');
    }

    /**
     * Appends {@code value} as JSON: a {@link Map} (keys as strings), {@link Iterable}, {@link CharSequence},
     * {@link Number}, {@link Boolean} or null.
     *
     * @throws IllegalArgumentException for any other type, or a non-finite number
     */
    static StringBuilder write(StringBuilder sb, Object value) {
        if (value == null || value instanceof CharSequence) {
            return quote(sb, value == null ? null : value.toString());
        }
        if (value instanceof Boolean) {
            return sb.append(value);
        }
        if (value instanceof Number) {
            if (value instanceof Double || value instanceof Float) {
                double d = ((Number) value).doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException("JSON has no " + d);
                }
            }
            return sb.append(value);
        }
        if (value instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(sb, String.valueOf(e.getKey())).append(':');
                write(sb, e.getValue());
            }
            return sb.append('}');
        }
        if (value instanceof Iterable) {
            sb.append('[');
            boolean first = true;
            for (Object item : (Iterable<?>) value) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(sb, item);
            }
            return sb.append(']');
        }
        throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
    }

    private Object value() {
        if (i >= s.length()) {
            throw error("unexpected end");
        }
        char c = s.charAt(i);
        switch (c) {
            case '{': return object();
            case '[': return array();
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        i++;
        skipSpace();
        if (peek() == '}') {
            i++;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a member name");
            }
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            map.put(key, value());
            skipSpace();
            char c = peek();
            i++;
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        i++;
        skipSpace();
        if (peek() == ']') {
            i++;
            return list;
        }
        while (true) {
            skipSpace();
            list.add(value());
            skipSpace();
            char c = peek();
            i++;
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        i++;
        StringBuilder sb = null;
        int start = i;
        while (true) {
            if (i >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(i);
            if (c == '"') {
                String tail = s.substring(start, i);
                i++;
                return sb == null ? tail : sb.append(tail).toString();
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(s, start, i);
                int next = JsonEscapes.decode(s, i + 1, sb);
                if (next < 0) {
                    throw error("bad escape");
                }
                i = next;
                start = i;
            } else {
                i++;
            }
        }
    }

    private Object number() {
        int start = i;
        boolean fraction = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if ((c >= '0' && c <= '9') || c == '-' || c == '+') {
                i++;
            } else if (c == '.' || c == 'e' || c == 'E') {
                fraction = true;
                i++;
            } else {
                break;
            }
        }
        String text = s.substring(start, i);
        try {
            if (!fraction) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException tooBig) {
                    return Double.parseDouble(text);
                }
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw error("bad number " + text);
        }
    }

    private Object literal(String word, Object value) {
        if (!s.startsWith(word, i)) {
            throw error("unexpected token");
        }
        i += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        i++;
    }

    private char peek() {
        if (i >= s.length()) {
            throw error("unexpected end");
        }
        return s.charAt(i);
    }

    private void skipSpace() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            i++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("invalid JSON at offset " + i + ": " + what);
    }
}
