package dev.overtime.platform.appsync.vtl;

import dev.overtime.platform.appsync.resolvers.ResolverContext;
import dev.overtime.platform.appsync.resolvers.ResolverError;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code $util.transform.toSubscriptionFilter} and {@code $extensions}. */
class SubscriptionFiltersTest {

    private static Map<String, Object> f(String field, String op, Object value) {
        return Map.of("fieldName", field, "operator", op, "value", value);
    }

    private static Map<String, Object> groups(List<?>... groups) {
        return Map.of("filterGroup", java.util.Arrays.stream(groups).map(g -> Map.of("filters", g)).toList());
    }

    @Test
    void fieldsOfOneObject_makeOneGroup() {
        assertThat(SubscriptionFilters.toSubscriptionFilter(
                Map.of("userId", Map.of("eq", "x")), null, null))
                .isEqualTo(groups(List.of(f("userId", "eq", "x"))));
        assertThat(SubscriptionFilters.toSubscriptionFilter(
                new java.util.LinkedHashMap<>(Map.of("score", Map.of("between", List.of(1, 5)))), null, null))
                .isEqualTo(groups(List.of(f("score", "between", List.of(1, 5)))));
    }

    @Test
    void or_makesOneGroupPerAlternative_withTheOtherFieldsInEach() {
        Map<String, Object> filter = new java.util.LinkedHashMap<>();
        filter.put("room", Map.of("eq", "r1"));
        filter.put("or", List.of(Map.of("severity", Map.of("ge", 7)), Map.of("group", Map.of("in", List.of("a")))));

        assertThat(SubscriptionFilters.toSubscriptionFilter(filter, null, null)).isEqualTo(groups(
                List.of(f("room", "eq", "r1"), f("severity", "ge", 7)),
                List.of(f("room", "eq", "r1"), f("group", "in", List.of("a")))));
    }

    @Test
    void and_ofOrs_multipliesOut() {
        Map<String, Object> filter = Map.of("and", List.of(
                Map.of("or", List.of(Map.of("a", Map.of("eq", 1)), Map.of("b", Map.of("eq", 2)))),
                Map.of("or", List.of(Map.of("c", Map.of("eq", 3)), Map.of("d", Map.of("eq", 4))))));

        assertThat(SubscriptionFilters.toSubscriptionFilter(filter, null, null)).isEqualTo(groups(
                List.of(f("a", "eq", 1), f("c", "eq", 3)), List.of(f("a", "eq", 1), f("d", "eq", 4)),
                List.of(f("b", "eq", 2), f("c", "eq", 3)), List.of(f("b", "eq", 2), f("d", "eq", 4))));
    }

    @Test
    void ignoredFieldsAreLeftOut_andRulesAreAddedToEveryGroup() {
        Map<String, Object> filter = new java.util.LinkedHashMap<>();
        filter.put("secret", Map.of("eq", "s"));
        filter.put("room", Map.of("eq", "r1"));

        assertThat(SubscriptionFilters.toSubscriptionFilter(filter, List.of("secret"),
                Map.of("owner", Map.of("eq", "me"))))
                .isEqualTo(groups(List.of(f("room", "eq", "r1"), f("owner", "eq", "me"))));
    }

    @Test
    void nestedObjects_filterOnDottedPaths() {
        assertThat(SubscriptionFilters.toSubscriptionFilter(
                Map.of("order", Map.of("status", Map.of("eq", "PAID"))), null, null))
                .isEqualTo(groups(List.of(f("order.status", "eq", "PAID"))));
    }

    @Test
    void badFilters_sayWhatIsWrong() {
        assertThatThrownBy(() -> SubscriptionFilters.toSubscriptionFilter(Map.of("a", Map.of("like", "x")), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'like'").hasMessageContaining("'a'");
        assertThatThrownBy(() -> SubscriptionFilters.toSubscriptionFilter(Map.of("or", "x"), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"or\" must be a list");
        assertThatThrownBy(() -> SubscriptionFilters.toSubscriptionFilter("x", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be an object");
    }

    @Test
    void subscriptionResponseTemplate_setsTheFilterOnTheContext() throws Exception {
        VtlResolverCode code = VtlResolverCode.compile("{\"payload\": null}", """
                $extensions.setSubscriptionFilter($util.transform.toSubscriptionFilter({
                  "streamId": {"eq": $ctx.args.streamId},
                  "seq": {"gt": 3}
                }))
                null
                """, "Subscription.onChunk");
        ResolverContext ctx = VtlResolverCodeTest.ctx(Map.of("streamId", "s1"));

        assertThat(code.response(ctx)).isNull();
        assertThat(ctx.subscriptionFilter).isEqualTo(groups(List.of(f("streamId", "eq", "s1"), f("seq", "gt", 3))));
    }

    @Test
    void invalidation_filterAndInvalidations_landOnTheContext() throws Exception {
        VtlResolverCode code = VtlResolverCode.compile("{\"payload\": null}", """
                $extensions.setSubscriptionInvalidationFilter($util.transform.toSubscriptionFilter({"id": {"eq": "g"}}))
                $extensions.invalidateSubscriptions({"subscriptionField": "onChunk", "payload": {"id": "g"}})
                null
                """, "Mutation.close");
        ResolverContext ctx = VtlResolverCodeTest.ctx(Map.of());

        code.response(ctx);

        assertThat(ctx.invalidationFilter).isEqualTo(groups(List.of(f("id", "eq", "g"))));
        assertThat(ctx.invalidations).containsExactly(Map.of("subscriptionField", "onChunk",
                "payload", Map.of("id", "g")));
    }

    @Test
    void setSubscriptionFilter_withoutFilterGroup_isAMappingTemplateError() {
        VtlResolverCode code = VtlResolverCode.compile("{}", "$extensions.setSubscriptionFilter({\"a\": 1})null",
                "Subscription.onChunk");

        assertThatThrownBy(() -> code.response(VtlResolverCodeTest.ctx(Map.of())))
                .isInstanceOfSatisfying(ResolverError.class, e -> {
                    assertThat(e.errorType()).isEqualTo("MappingTemplate");
                    assertThat(e.getMessage()).contains("filterGroup");
                });
    }
}
