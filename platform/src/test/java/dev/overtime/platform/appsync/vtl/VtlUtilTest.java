package dev.overtime.platform.appsync.vtl;

import dev.overtime.platform.velocity.JavaScriptEscape;

import dev.overtime.platform.appsync.resolvers.RequestStep;
import dev.overtime.platform.appsync.resolvers.ResolverContext;
import dev.overtime.platform.appsync.resolvers.ResolverError;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code $util}, family by family, as templates call it. */
class VtlUtilTest {
    /** 2018-02-06T19:01:35.749Z, AppSync's documented example instant. */
    private static final Instant NOW = Instant.ofEpochMilli(1517943695749L);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final ResolverContext ctx = VtlResolverCodeTest.ctx(Map.of("name", "Ada", "n", 3));

    /** What the request template prints, read as JSON. */
    private Object run(String template) throws ResolverError {
        RequestStep step = VtlResolverCode.compile(template, null, "Test.field", CLOCK).request(ctx);
        return ((RequestStep.ToDataSource) step).request();
    }

    @Test
    void json_roundTripsAndParses() throws Exception {
        assertThat(run("$util.toJson({\"a\": [1, \"x\", true, null], \"b\": 1.5})"))
                .isEqualTo(new LinkedHashMap<>(Map.of("a", java.util.Arrays.asList(1, "x", true, null), "b", 1.5)));
        assertThat(run("#set($o = $util.parseJson('{\"k\": [1, 2]}'))$o.k[1]")).isEqualTo(2);
        assertThat(run("$util.toJson($ctx.args.missing)")).isNull();
    }

    @Test
    void ids_haveTheirShapesAndDiffer() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> ids = (Map<String, Object>) run(
                "{\"a\": \"$util.autoId()\", \"b\": \"$util.autoId()\", \"u\": \"$util.autoUlid()\", "
                        + "\"k\": \"$util.autoKsuid()\"}");

        assertThat(UUID.fromString((String) ids.get("a")).version()).isEqualTo(4);
        assertThat(ids.get("a")).isNotEqualTo(ids.get("b"));
        assertThat((String) ids.get("u")).matches("[0-9A-HJKMNP-TV-Z]{26}")
                .startsWith("01C5P7XAC5"); // 1517943695749 ms in 10 Crockford base-32 digits
        assertThat((String) ids.get("k")).matches("[0-9A-Za-z]{27}");
    }

    @Test
    void encodings_matchTheirStandards() throws Exception {
        ctx.arguments.put("quoted", "\"é\"/\n");
        assertThat(run("\"$util.escapeJavaScript($ctx.args.quoted)\"")).isEqualTo("\"é\"/\n");
        assertThat(run("\"$util.urlEncode('a b&c=é')\"")).isEqualTo("a+b%26c%3D%C3%A9");
        assertThat(run("\"$util.urlDecode('a+b%26c%3D%C3%A9')\"")).isEqualTo("a b&c=é");
        assertThat(run("\"$util.base64Encode('héllo')\"")).isEqualTo("aMOpbGxv");
        assertThat(run("\"$util.base64Decode('aMOpbGxv')\"")).isEqualTo("héllo");
    }

    @Test
    void escapeJavaScript_escapesQuotesControlsAndNonAscii() {
        assertThat(JavaScriptEscape.escape("a'b\"c\\d/e\nf\u0001g\u00e9")).isEqualTo(
                "a\\'b\\\"c\\\\d\\/e\\nf\\u0001g\\u00E9");
    }

    @Test
    void nullsAndDefaults() throws Exception {
        assertThat(run("[$util.isNull($ctx.args.x), $util.isNull(''), $util.isNullOrEmpty(''), "
                + "$util.isNullOrEmpty(' '), $util.isNullOrBlank(' '), $util.isNullOrBlank('a')]"))
                .isEqualTo(List.of(true, false, true, false, true, false));
        assertThat(run("[\"$util.defaultIfNull($ctx.args.x, 'd')\", \"$util.defaultIfNullOrEmpty('', 'e')\", "
                + "\"$util.defaultIfNullOrBlank('  ', 'b')\", \"$util.defaultIfNullOrBlank($ctx.args.name, 'b')\"]"))
                .isEqualTo(List.of("d", "e", "b", "Ada"));
    }

    @Test
    void typeChecks() throws Exception {
        assertThat(run("[$util.isString('s'), $util.isNumber($ctx.args.n), $util.isBoolean(true), "
                + "$util.isList([1]), $util.isMap({}), $util.isMap([])]"))
                .isEqualTo(List.of(true, true, true, true, true, false));
        assertThat(run("[\"$util.typeOf($ctx.args.x)\", \"$util.typeOf(1)\", \"$util.typeOf('s')\", "
                + "\"$util.typeOf({})\", \"$util.typeOf([])\", \"$util.typeOf(false)\", \"$util.typeOf($util)\"]"))
                .isEqualTo(List.of("Null", "Number", "String", "Map", "List", "Boolean", "Object"));
        assertThat(run("[$util.matches('a*b', 'aaaab'), $util.matches('a*b', 'aaaabc')]"))
                .isEqualTo(List.of(true, false));
    }

    @Test
    void error_stopsTheTemplateWithMessageTypeDataAndInfo() {
        assertThatThrownBy(() -> run("$util.error('bad', 'Custom', {\"id\": 1}, {\"hint\": \"x\"})\n{}"))
                .isInstanceOfSatisfying(ResolverError.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("bad");
                    assertThat(e.errorType()).isEqualTo("Custom");
                    assertThat(e.data()).isEqualTo(Map.of("id", 1));
                    assertThat(e.errorInfo()).isEqualTo(Map.of("hint", "x"));
                });
        assertThatThrownBy(() -> run("$util.error('plain')"))
                .isInstanceOfSatisfying(ResolverError.class,
                        e -> assertThat(e.errorType()).as("AppSync answers errorType null").isNull());
    }

    @Test
    void unauthorized_namesTheFieldAndType() {
        assertThatThrownBy(() -> run("$util.unauthorized()"))
                .isInstanceOfSatisfying(ResolverError.class, e -> {
                    assertThat(e.errorType()).isEqualTo("Unauthorized");
                    assertThat(e.getMessage()).isEqualTo("Not Authorized to access ask on type Mutation");
                });
    }

    @Test
    void validate_passesQuietlyOrRaises() throws Exception {
        assertThat(run("$util.validate($ctx.args.n > 2, 'too small')\"ok\"")).isEqualTo("ok");
        assertThatThrownBy(() -> run("$util.validate($ctx.args.n > 5, 'too small', 'Range', 5)\"ok\""))
                .isInstanceOfSatisfying(ResolverError.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("too small");
                    assertThat(e.errorType()).isEqualTo("Range");
                    assertThat(e.data()).isEqualTo(5);
                });
    }

    @Test
    void qrAndQuiet_printNothingButRunTheirArguments() throws Exception {
        assertThat(run("#set($l = [])[$l.add(1)]")).as("unquieted, add prints its result").isEqualTo(List.of(true));
        assertThat(run("#set($l = [])$util.qr($l.add(1))$util.quiet($l.add(2))$util.toJson($l)"))
                .isEqualTo(List.of(1, 2));
    }

    @Test
    void time_nowAndConversions() throws Exception {
        assertThat(run("[\"$util.time.nowISO8601()\", $util.time.nowEpochSeconds(), "
                + "$util.time.nowEpochMilliSeconds(), \"$util.time.nowFormatted('yyyy-MM-dd HH:mm:ssZ')\", "
                + "\"$util.time.nowFormatted('yyyy-MM-dd HH:mm', 'Australia/Perth')\"]"))
                .isEqualTo(List.of("2018-02-06T19:01:35.749Z", 1517943695, 1517943695749L,
                        "2018-02-06 19:01:35+0000", "2018-02-07 03:01"));
        assertThat(run("[$util.time.parseFormattedToEpochMilliSeconds('2018-02-01 17:56:05+0000', "
                + "'yyyy-MM-dd HH:mm:ssZ'), $util.time.parseFormattedToEpochMilliSeconds('2018-02-02 01:56:05', "
                + "'yyyy-MM-dd HH:mm:ss', 'Australia/Perth'), "
                + "$util.time.parseISO8601ToEpochMilliSeconds('2018-02-01T17:21:05.000+08:00'), "
                + "$util.time.epochMilliSecondsToSeconds(1517943695750), "
                + "\"$util.time.epochMilliSecondsToISO8601(1517943695750)\", "
                + "\"$util.time.epochMilliSecondsToFormatted(1517943695750, 'yyyy-MM-dd HH:mm:ss', 'UTC')\"]"))
                .isEqualTo(List.of(1517507765000L, 1517507765000L, 1517476865000L, 1517943695,
                        "2018-02-06T19:01:35.750Z", "2018-02-06 19:01:35"));
    }

    @Test
    void time_badFormat_isAMappingTemplateError() {
        assertThatThrownBy(() -> run("\"$util.time.parseISO8601ToEpochMilliSeconds('yesterday')\""))
                .isInstanceOfSatisfying(ResolverError.class, e -> {
                    assertThat(e.errorType()).isEqualTo("MappingTemplate");
                    assertThat(e.getMessage()).contains("Unable to parse time").contains("yesterday");
                });
    }

    @Test
    void str() throws Exception {
        assertThat(run("[\"$util.str.toUpper('abc')\", \"$util.str.toLower('ABC')\", "
                + "\"$util.str.toReplace('a.b.c', '.', '-')\", \"$util.str.normalize('e\u0301', 'nfc')\"]"))
                .isEqualTo(List.of("ABC", "abc", "a-b-c", "\u00e9"));
    }

    @Test
    void list() throws Exception {
        assertThat(run("$util.toJson($util.list.copyAndRetainAll([1, 2, 3, 4], [2, 4, 6]))"))
                .isEqualTo(List.of(2, 4));
        assertThat(run("$util.toJson($util.list.copyAndRemoveAll([1, 2, 3, 4], [2, 4]))"))
                .isEqualTo(List.of(1, 3));
        assertThat(run("$util.toJson($util.list.sortList([3, 1, 2], false, 'any'))")).isEqualTo(List.of(1, 2, 3));
        assertThat(run("$util.toJson($util.list.sortList(['b', 'c', 'a'], true, 'any'))"))
                .isEqualTo(List.of("c", "b", "a"));
        assertThat(run("$util.toJson($util.list.sortList([{\"n\": \"b\"}, {\"n\": \"a\"}], false, 'n'))"))
                .isEqualTo(List.of(Map.of("n", "a"), Map.of("n", "b")));
        assertThat(run("$util.toJson($util.list.sortList([2, 'a', 1], false, 'any'))"))
                .as("mixed kinds come back as they were").isEqualTo(List.of(2, "a", 1));
    }

    @Test
    void list_doesNotChangeTheOriginal() throws Exception {
        assertThat(run("#set($l = [3, 1])$util.qr($util.list.sortList($l, false, ''))$util.toJson($l)"))
                .isEqualTo(List.of(3, 1));
    }

    @Test
    void map() throws Exception {
        assertThat(run("$util.toJson($util.map.copyAndRetainAllKeys({\"a\": 1, \"b\": 2, \"c\": 3}, ['a', 'c']))"))
                .isEqualTo(Map.of("a", 1, "c", 3));
        assertThat(run("$util.toJson($util.map.copyAndRemoveAllKeys({\"a\": 1, \"b\": 2, \"c\": 3}, ['a', 'c']))"))
                .isEqualTo(Map.of("b", 2));
    }

    @Test
    void math() throws Exception {
        assertThat(run("[$util.math.roundNum(2.5), $util.math.roundNum(2.4), $util.math.minVal(3, 1.5), "
                + "$util.math.maxVal(3, 1.5)]")).isEqualTo(List.of(3, 2, 1.5, 3.0));
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Object r = run("$util.math.randomWithinRange(1, 3)");
            assertThat(r).isIn(1, 2, 3);
            seen.add(r);
            assertThat((Double) run("$util.math.randomDouble()")).isBetween(0.0, 1.0);
        }
        assertThat(seen).as("200 draws from 3 values reach all of them").hasSize(3);
    }

    @Test
    void dynamodb() throws Exception {
        assertThat(run("$util.dynamodb.toDynamoDBJson({\"s\": \"x\", \"n\": 2, \"b\": true, \"z\": $ctx.args.no, "
                + "\"l\": [1]})")).isEqualTo(Map.of("M", Map.of("s", Map.of("S", "x"), "n", Map.of("N", "2"),
                "b", Map.of("BOOL", true), "z", Map.of("NULL", true), "l", Map.of("L", List.of(Map.of("N", "1"))))));
        assertThat(run("$util.dynamodb.toMapValuesJson({\"id\": \"1\"})")).isEqualTo(Map.of("id", Map.of("S", "1")));
    }

    @Test
    void log_printsNothing() throws Exception {
        assertThat(run("$util.log.info('a', 1)$util.log.error('b')\"done\"")).isEqualTo("done");
    }

    @Test
    void utilsAlias_isUtil() throws Exception {
        assertThat(run("\"$utils.str.toUpper('x')\"")).isEqualTo("X");
    }
}
