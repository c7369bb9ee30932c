package dev.overtime.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FastJson against the real thing: every document it accepts and every value it writes must come
 * out exactly as AWS's {@link JacksonFactory} makes it, down to the Java types and the bytes.
 */
class FastJsonTest {

    /** Supplies the generic type {@code Map<String, Object>}. */
    @SuppressWarnings("unused")
    private static Map<String, Object> mapType() {
        return null;
    }

    private static final Type MAP = mapTypeOf();
    private static final PojoSerializer<Object> JACKSON_MAP = JacksonFactory.getInstance().getSerializer(MAP);
    private static final PojoSerializer<Object> JACKSON_STRING = JacksonFactory.getInstance().getSerializer((Type) String.class);

    private static Type mapTypeOf() {
        try {
            return FastJsonTest.class.getDeclaredMethod("mapType").getGenericReturnType();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Type-revealing rendering, so Integer 1 and Long 1 (or HashMap and LinkedHashMap) differ. */
    private static String canonical(Object v) {
        if (v == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(v.getClass().getSimpleName());
        if (v instanceof Map) {
            sb.append('{');
            ((Map<?, ?>) v).forEach((k, x) -> sb.append(canonical(k)).append('=').append(canonical(x)).append(','));
            return sb.append('}').toString();
        }
        if (v instanceof List) {
            sb.append('[');
            ((List<?>) v).forEach(x -> sb.append(canonical(x)).append(','));
            return sb.append(']').toString();
        }
        if (v instanceof String) {
            StringBuilder chars = new StringBuilder();
            ((String) v).chars().forEach(c -> chars.append(Integer.toHexString(c)).append('.'));
            return sb.append(':').append(chars).toString();
        }
        return sb.append(':').append(v).toString();
    }

    private static String jacksonRead(PojoSerializer<Object> s, byte[] json) {
        try {
            return canonical(s.fromJson(new ByteArrayInputStream(json)));
        } catch (RuntimeException e) {
            return "error";
        }
    }

    /** Asserts FastJson either declines or agrees with Jackson; returns whether it accepted. */
    private static boolean agreesOnRead(String json, Type type) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Object fast = FastJson.read(bytes, type);
        if (fast == FastJson.DECLINED) {
            return false;
        }
        assertThat(canonical(fast)).as("reading %s", json)
                .isEqualTo(jacksonRead(type == MAP ? JACKSON_MAP : JACKSON_STRING, bytes));
        return true;
    }

    private static boolean agreesOnWrite(Object value, Type type) {
        byte[] fast = FastJson.write(value, type);
        if (fast == null) {
            return false;
        }
        ByteArrayOutputStream jackson = new ByteArrayOutputStream();
        (type == MAP ? JACKSON_MAP : JACKSON_STRING).toJson(value, jackson);
        assertThat(new String(fast, StandardCharsets.UTF_8)).as("writing %s", canonical(value))
                .isEqualTo(jackson.toString(StandardCharsets.UTF_8));
        return true;
    }

    @Test
    void supports_onlyStringAndMapOfStringToObject() {
        assertThat(FastJson.supports(String.class)).isTrue();
        assertThat(FastJson.supports(MAP)).isTrue();
        assertThat(FastJson.supports(Map.class)).isFalse();
        assertThat(FastJson.supports(Object.class)).isFalse();
        assertThat(FastJson.supports(Integer.class)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", " {\n\t\"a\" : 1 } ", "null", "{\"a\":null}", "{\"a\":2147483647,\"b\":2147483648,\"c\":-2147483648}",
        "{\"a\":-0,\"b\":-0.0,\"c\":1.0,\"d\":1e2,\"e\":1E-2,\"f\":1.5e400,\"g\":123456789012345678}",
        "{\"a\":\"\",\"b\":[],\"c\":{},\"d\":[1,[2,{\"x\":[]}]],\"e\":true,\"f\":false}",
        "{\"a\":1,\"a\":2,\"b\":3,\"a\":4}", "{\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\\ud800x\"}",
        "{\"raw\":\"é中😀\u007f\u2028\"}",
    })
    void read_acceptsStrictJsonAndAgreesWithJackson(String json) {
        assertThat(agreesOnRead(json, MAP)).as("accepted %s", json).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "  ", "\"\"", "[]", "[{\"a\":1}]", "{\"a\":1} trailing", "{\"a\":1}{", "\uFEFF{\"a\":1}",
        "{'a':1}", "{a:1}", "{\"a\":01}", "{\"a\":+1}", "{\"a\":.5}", "{\"a\":NaN}", "{\"a\":1,}",
        "{\"a\":\"\u0001\"}", "{\"a\":\"\\q\"}", "{\"a\":12345678901234567890}", "{\"a\":-1234567890123456789}",
        "{\"a\":1 /* c */}", "{\"a\":tru}", "{\"a\":\"open}", "5", "true",
    })
    void read_declinesWhatJacksonReadsLeniently(String json) {
        assertThat(agreesOnRead(json, MAP)).as("declined %s", json).isFalse();
    }

    @Test
    void read_declinesMalformedUtf8() {
        byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
        assertThat(FastJson.read(bad, MAP)).isSameAs(FastJson.DECLINED);
    }

    @Test
    void read_forStrings_acceptsOnlyStringLiteralsAndNull() {
        assertThat(agreesOnRead("\"x\\ty\"", String.class)).isTrue();
        assertThat(agreesOnRead("\"\"", String.class)).isTrue();
        assertThat(agreesOnRead("null", String.class)).isTrue();
        for (String lenient : List.of("1", "1.50", "true", "[\"x\"]", "[]", "{}", "\"a\" b")) {
            assertThat(agreesOnRead(lenient, String.class)).as(lenient).isFalse();
        }
    }

    @Test
    void write_agreesWithJacksonOnEveryValueTypeItAccepts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "q\"\\\n\t\b\f\r\u0001\u001f\u007f\u2028é😀/\ud800");
        m.put("n", null);
        m.put("i", 1);
        m.put("l", 1L << 40);
        m.put("sh", (short) -3);
        m.put("by", (byte) 4);
        m.put("d", 0.1 + 0.2);
        m.put("d2", 1e21);
        m.put("d3", -0.0);
        m.put("f", 1.1f);
        m.put("b", true);
        m.put("bi", new BigInteger("123456789012345678901234567890"));
        m.put("list", Arrays.asList(1, null, "x", List.of()));
        Map<String, Object> inner = new HashMap<>();
        inner.put("z", null);
        inner.put("y", new TreeMap<>(Map.of("b", 2, "a", 1)));
        m.put("inner", inner);
        m.put("set", new LinkedHashSet<>(List.of("a", "b")));
        m.put("maps in list", new LinkedList<>(List.of(new HashMap<>(Map.of("k", "v")))));

        assertThat(agreesOnWrite(m, MAP)).isTrue();
        assertThat(agreesOnWrite(null, MAP)).isTrue();
        assertThat(agreesOnWrite("plain \"quoted\" \u0000 😀", String.class)).isTrue();
        assertThat(agreesOnWrite(null, String.class)).isTrue();
    }

    @Test
    void write_declinesValuesJacksonWritesItsOwnWay() {
        for (Object odd : List.of(Double.NaN, Float.POSITIVE_INFINITY, new java.math.BigDecimal("1E+3"), 'c',
                new int[] {1}, new java.util.Date(0), java.util.Optional.empty(), new Object())) {
            Map<String, Object> m = new HashMap<>();
            m.put("odd", odd);
            assertThat(FastJson.write(m, MAP)).as("%s", odd.getClass()).isNull();
        }
        Map<Object, Object> intKeys = new HashMap<>();
        intKeys.put(1, "one");
        assertThat(FastJson.write(intKeys, MAP)).isNull();
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        assertThat(FastJson.write(cyclic, MAP)).isNull();
    }

    // ---- randomized: documents and values drawn from the whole space FastJson claims

    private static final String[] WS = {"", "", "", " ", "\n", "\t", "\r\n", "  "};

    private static String ws(Random r) {
        return WS[r.nextInt(WS.length)];
    }

    private static String randomString(Random r, boolean jsonEscaped) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(8);
        for (int k = 0; k < n; k++) {
            int kind = r.nextInt(12);
            char c;
            switch (kind) {
                case 0: c = (char) r.nextInt(0x20); break;
                case 1: c = '"'; break;
                case 2: c = '\\'; break;
                case 3: c = "é中\u007f\u2028/\u0085\u00a0\ufeff\uffff".charAt(r.nextInt(9)); break;
                case 4: sb.append("😀"); continue;
                case 5: c = (char) (0xD800 + r.nextInt(0x800)); break;
                default: c = (char) ('a' + r.nextInt(26));
            }
            if (!jsonEscaped) {
                sb.append(c);
                continue;
            }
            boolean mustEscape = c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c);
            if (mustEscape || r.nextInt(8) == 0) {
                String hex = String.format("%04x", (int) c);
                sb.append("\\u").append(r.nextBoolean() ? hex : hex.toUpperCase());
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String randomNumber(Random r) {
        switch (r.nextInt(6)) {
            case 0: return Integer.toString(r.nextInt());
            case 1: return Long.toString(r.nextLong());
            case 2: return Double.toString(Double.longBitsToDouble(r.nextLong()));
            case 3: return (r.nextBoolean() ? "-" : "") + r.nextInt(1000) + "." + r.nextInt(1000) + "e" + (r.nextInt(40) - 20);
            case 4: return new BigInteger(70, r).toString();
            default: return Integer.toString(r.nextInt(10));
        }
    }

    private static String randomJson(Random r, int depth) {
        int kind = depth > 3 ? 2 + r.nextInt(4) : r.nextInt(6);
        switch (kind) {
            case 0: {
                StringBuilder sb = new StringBuilder("{").append(ws(r));
                int n = r.nextInt(4);
                for (int k = 0; k < n; k++) {
                    sb.append(k > 0 ? "," + ws(r) : "").append('"').append(r.nextInt(4) == 0 ? "dup" : randomString(r, true))
                            .append('"').append(ws(r)).append(':').append(ws(r)).append(randomJson(r, depth + 1)).append(ws(r));
                }
                return sb.append('}').toString();
            }
            case 1: {
                StringBuilder sb = new StringBuilder("[").append(ws(r));
                int n = r.nextInt(4);
                for (int k = 0; k < n; k++) {
                    sb.append(k > 0 ? "," + ws(r) : "").append(randomJson(r, depth + 1)).append(ws(r));
                }
                return sb.append(']').toString();
            }
            case 2: return '"' + randomString(r, true) + '"';
            case 3: return randomNumber(r);
            case 4: return r.nextBoolean() ? "true" : "false";
            default: return "null";
        }
    }

    @Test
    void read_randomStrictDocuments_agreeWithJackson() {
        Random r = new Random(20240601L);
        int accepted = 0;
        for (int k = 0; k < 3000; k++) {
            String doc = ws(r) + "{" + ws(r) + "\"k\"" + ws(r) + ":" + ws(r) + randomJson(r, 0) + ws(r) + "}" + ws(r);
            if (agreesOnRead(doc, MAP)) {
                accepted++;
            }
        }
        // Only oversized integers are declined; the rest must take the fast path.
        assertThat(accepted).isGreaterThan(2400);
    }

    private static Object randomValue(Random r, int depth) {
        int kind = depth > 3 ? 2 + r.nextInt(10) : r.nextInt(12);
        switch (kind) {
            case 0: {
                Map<String, Object> m = r.nextBoolean() ? new LinkedHashMap<>() : new HashMap<>();
                int n = r.nextInt(4);
                for (int k = 0; k < n; k++) {
                    m.put(randomString(r, false), randomValue(r, depth + 1));
                }
                return m;
            }
            case 1: {
                List<Object> l = new ArrayList<>();
                int n = r.nextInt(4);
                for (int k = 0; k < n; k++) {
                    l.add(randomValue(r, depth + 1));
                }
                return l;
            }
            case 2: return randomString(r, false);
            case 3: return r.nextInt();
            case 4: return r.nextLong();
            case 5: return Double.longBitsToDouble(r.nextLong() & 0x7FEFFFFFFFFFFFFFL) * (r.nextBoolean() ? 1 : -1);
            case 6: return Float.intBitsToFloat(r.nextInt() & 0x7F7FFFFF);
            case 7: return (short) r.nextInt();
            case 8: return new BigInteger(90, r);
            case 9: return r.nextBoolean();
            case 10: return r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
            default: return null;
        }
    }

    @Test
    void write_randomValues_agreeWithJacksonByteForByte() {
        Random r = new Random(42L);
        for (int k = 0; k < 3000; k++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("v", randomValue(r, 0));
            m.put(randomString(r, false), randomValue(r, 1));
            assertThat(agreesOnWrite(m, MAP)).isTrue();
            assertThat(agreesOnWrite(randomString(r, false), String.class)).isTrue();
        }
    }
}
