package dev.overtime.platform.appsync.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.overtime.platform.appsync.resolvers.ResolverContext;
import dev.overtime.platform.appsync.resolvers.ResolverError;

/** {@code util}, {@code runtime} and {@code extensions} as scripts call them. */
class AppSyncUtilsModuleTest {

    @Test
    void setSubscriptionFilter_fromSimpleFilter_writesAppSyncFilterGroups() throws Exception {
        ResolverContext ctx = context(Map.of("userId", "u1"));

        run("""
                extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ userId: { eq: ctx.args.userId } }));
                return null;
                """, ctx);

        assertThat(ctx.subscriptionFilter).isEqualTo(Map.of("filterGroup", List.of(
                Map.of("filters", List.of(filter("userId", "eq", "u1"))))));
    }

    @Test
    void toSubscriptionFilter_orMakesGroupsAndFieldsInOneBranchShareAGroup() throws Exception {
        Object result = run("""
                return util.transform.toSubscriptionFilter({
                  or: [
                    { severity: { ge: 7 }, priority: { in: ['high', 'medium'] } },
                    { category: { eq: 'security' } },
                  ],
                });
                """, context(Map.of()));

        assertThat(result).isEqualTo(Map.of("filterGroup", List.of(
                Map.of("filters", List.of(filter("severity", "ge", 7), filter("priority", "in", List.of("high", "medium")))),
                Map.of("filters", List.of(filter("category", "eq", "security"))))));
    }

    @Test
    void toSubscriptionFilter_fieldAndOrCombine_ignoredFieldsDropped() throws Exception {
        Object result = run("""
                return util.transform.toSubscriptionFilter(
                  { room: { eq: 'r1' }, secret: { eq: 'x' }, or: [{ a: { eq: 1 } }, { b: { eq: 2 } }], and: [{ c: { ne: 3 } }] },
                  ['secret']);
                """, context(Map.of()));

        assertThat(result).isEqualTo(Map.of("filterGroup", List.of(
                Map.of("filters", List.of(filter("room", "eq", "r1"), filter("a", "eq", 1), filter("c", "ne", 3))),
                Map.of("filters", List.of(filter("room", "eq", "r1"), filter("b", "eq", 2), filter("c", "ne", 3))))));
    }

    @Test
    void toSubscriptionFilter_fieldWithoutOperators_isATypeError() {
        assertThatThrownBy(() -> run("return util.transform.toSubscriptionFilter({ userId: 'u1' });",
                context(Map.of())))
                .isInstanceOfSatisfying(ResolverError.class, e -> assertThat(e.getMessage())
                        .contains("toSubscriptionFilter").contains("userId").contains("{eq: value}"));
    }

    @Test
    void invalidationFilterAndInvalidateSubscriptions_landInTheContext() throws Exception {
        ResolverContext ctx = context(Map.of());

        run("""
                extensions.setSubscriptionInvalidationFilter(util.transform.toSubscriptionFilter({ id: { eq: 'g1' } }));
                extensions.invalidateSubscriptions({ subscriptionField: 'onMessage', payload: { id: 'g1' } });
                return null;
                """, ctx);

        assertThat(ctx.invalidationFilter).isEqualTo(Map.of("filterGroup", List.of(
                Map.of("filters", List.of(filter("id", "eq", "g1"))))));
        assertThat(ctx.invalidations).containsExactly(Map.of("subscriptionField", "onMessage",
                "payload", Map.of("id", "g1")));
    }

    @Test
    void ids_haveTheirDocumentedShapes() throws Exception {
        List<?> ids = (List<?>) run("return [util.autoId(), util.autoUlid(), util.autoKsuid(), util.autoId()];",
                context(Map.of()));

        assertThat((String) ids.get(0)).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat((String) ids.get(1)).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat((String) ids.get(2)).matches("[0-9A-Za-z]{27}");
        assertThat(ids.get(0)).isNotEqualTo(ids.get(3));
    }

    @Test
    void ulid_startsWithItsTimestamp() {
        assertThat(GeneratedIds.ulid(1469918176385L)).startsWith("01ARYZ6S41");
    }

    @Test
    void time_convertsBetweenEpochAndText() throws Exception {
        long before = System.currentTimeMillis();
        List<?> result = (List<?>) run("""
                return [util.time.epochMilliSecondsToISO8601(1700000000123),
                        util.time.parseISO8601ToEpochMilliSeconds('2023-11-14T22:13:20.123Z'),
                        util.time.epochMilliSecondsToFormatted(1700000000123, 'yyyy-MM-dd HH:mm', 'Europe/Paris'),
                        util.time.parseFormattedToEpochMilliSeconds('2023-11-14', 'yyyy-MM-dd'),
                        util.time.epochMilliSecondsToSeconds(1700000000999),
                        util.time.nowEpochMilliSeconds(), util.time.nowISO8601()];
                """, context(Map.of()));

        assertThat(result.subList(0, 5)).isEqualTo(List.of("2023-11-14T22:13:20.123Z", 1700000000123L,
                "2023-11-14 23:13", 1699920000000L, 1700000000));
        assertThat(((Number) result.get(5)).longValue()).isBetween(before, System.currentTimeMillis());
        assertThat(Instant.parse((String) result.get(6)).toEpochMilli()).isGreaterThanOrEqualTo(before - 1);
    }

    @Test
    void textHelpers_encodeAndTest() throws Exception {
        Object result = run("""
                return [util.base64Encode('héllo'), util.base64Decode('aMOpbGxv'), util.urlEncode('a b&c'),
                        util.urlDecode('a+b%26c'), util.escapeJavaScript('say "hi"\\n'), util.str.toUpper('ab'),
                        util.str.toReplace('a-b-c', '-', '+'), util.isNull(null), util.isNull(undefined),
                        util.isNullOrEmpty(''), util.isNullOrBlank('  '), util.isNullOrBlank('x'),
                        util.defaultIfNull(null, 'd'), util.defaultIfNullOrEmpty('', 'e'), util.typeOf([1]),
                        util.typeOf({}), util.matches('a+b', 'aab'), util.authType()];
                """, context(Map.of()));

        assertThat(result).isEqualTo(List.of("aMOpbGxv", "héllo", "a+b%26c", "a b&c", "say \\\"hi\\\"\\n", "AB",
                "a+b+c", true, true, true, true, false, "d", "e", "List", "Map", true, "API Key Authorization"));
    }

    @Test
    void unauthorized_raisesUnauthorizedNamingTheField() {
        ResolverContext ctx = new ResolverContext(Map.of(), null, null, null,
                Map.of("fieldName", "secret", "parentTypeName", "Query"), null);

        assertThatThrownBy(() -> run("util.unauthorized();", ctx))
                .isInstanceOfSatisfying(ResolverError.class, e -> {
                    assertThat(e.errorType()).isEqualTo("Unauthorized");
                    assertThat(e.getMessage()).isEqualTo("Not Authorized to access secret on type Query");
                });
    }

    @Test
    void badArgument_isATypeErrorNamingTheFunction() {
        assertThatThrownBy(() -> run("return util.time.epochMilliSecondsToFormatted(0, 'yyyy', 'Mars/Base');",
                context(Map.of())))
                .isInstanceOfSatisfying(ResolverError.class, e -> {
                    assertThat(e.errorType()).isEqualTo("Code");
                    assertThat(e.getMessage()).contains("epochMilliSecondsToFormatted").contains("Mars/Base");
                });
    }

    @Test
    void earlyReturn_badSkipTo_isATypeError() {
        assertThatThrownBy(() -> run("runtime.earlyReturn(1, { skipTo: 'LATER' });", context(Map.of())))
                .isInstanceOfSatisfying(ResolverError.class,
                        e -> assertThat(e.getMessage()).contains("skipTo").contains("LATER"));
    }

    private static Map<String, Object> filter(String field, String operator, Object value) {
        return Map.of("fieldName", field, "operator", operator, "value", value);
    }

    private static ResolverContext context(Map<String, Object> args) {
        return new ResolverContext(new LinkedHashMap<>(args), null, null, null, null, null);
    }

    private static Object run(String responseBody, ResolverContext ctx) throws ResolverError {
        return JsResolverCode.compile("import { util, runtime, extensions } from '@aws-appsync/utils';\n"
                + "export function request(ctx) { return {}; }\n"
                + "export function response(ctx) {\n" + responseBody + "\n}\n", "test").response(ctx);
    }
}
