package dev.overtime.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parse_readsNestedDocuments() {
        Object v = Json.parse(" {\"a\": [1, -2.5e1, true, false, null, \"s\\\"\\u00e9\\n\"], \"b\": {}} ");

        assertThat(v).isEqualTo(Map.of("a", Arrays.asList(1L, -25.0, true, false, null, "s\"\u00e9\n"), "b", Map.of()));
    }

    @Test
    void parse_rejectsMalformedInput() {
        assertThatThrownBy(() -> Json.parse("{\"a\":}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("{} x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("\"open")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quote_escapesQuotesBackslashesAndControlCharacters() {
        assertThat(Json.quote(new StringBuilder(), "a\"b\\c\n\t\u0001\u2028é").toString())
                .isEqualTo("\"a\\\"b\\\\c\\n\\t\\u0001\\u2028é\"");
        assertThat(Json.quote(new StringBuilder(), null).toString()).isEqualTo("null");
    }

    @Test
    void quote_roundTripsThroughParse() {
        String s = "line1\r\nline2 \u0000 \"quoted\" \\ tab\t";
        assertThat(Json.parse(Json.quote(new StringBuilder(), s).toString())).isEqualTo(s);
    }

    @Test
    void write_roundTripsPlainValuesThroughParse() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("text", "say \"hi\"\n");
        doc.put("seq", 7);
        doc.put("done", false);
        doc.put("nothing", null);
        doc.put("list", List.of(1.5, "x", Map.of("k", true)));

        String json = Json.write(new StringBuilder(), doc).toString();

        assertThat(json).startsWith("{\"text\":\"say \\\"hi\\\"\\n\",\"seq\":7,\"done\":false,\"nothing\":null,");
        assertThat(Json.parse(json)).isEqualTo(Json.parse(
                "{\"text\":\"say \\\"hi\\\"\\n\",\"seq\":7,\"done\":false,\"nothing\":null,"
                        + "\"list\":[1.5,\"x\",{\"k\":true}]}"));
    }

    @Test
    void write_refusesValuesJsonCannotHold() {
        assertThatThrownBy(() -> Json.write(new StringBuilder(), Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(new StringBuilder(), new Object()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
    }
}
