package dev.overtime.platform.appsync.vtl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AppSync's conversion of a filter object into an enhanced subscription filter
 * ({@code util.transform.toSubscriptionFilter}).
 *
 * <pre>{@code
 * {"userId": {"eq": "x"}, "score": {"gt": 3}}
 *   -> {"filterGroup": [{"filters": [{"fieldName": "userId", "operator": "eq", "value": "x"},
 *                                    {"fieldName": "score", "operator": "gt", "value": 3}]}]}
 * }</pre>
 *
 * <p>Fields of one object are AND'ed (filters of one group); {@code "or": [a, b]} makes one group per
 * alternative, and {@code "and": [a, b]} requires each, so nested {@code or}s multiply out into groups. A field
 * whose conditions are not operators is a nested object: {@code {"order": {"status": {"eq": "x"}}}} filters on
 * {@code order.status}.
 */
final class SubscriptionFilters {
    static final Set<String> OPERATORS = Set.of("eq", "ne", "lt", "le", "gt", "ge", "contains", "notContains",
            "beginsWith", "in", "notIn", "between", "containsAny");

    private SubscriptionFilters() {
    }

    /**
     * @param filter        the filter object
     * @param ignoredFields top-level fields of {@code filter} to leave out (may be null)
     * @param rules         a filter object that must hold as well, whatever the caller asked (may be null)
     * @throws IllegalArgumentException the object is not a filter object; the message says where
     */
    static Map<String, Object> toSubscriptionFilter(Object filter, Object ignoredFields, Object rules) {
        Collection<?> ignored = ignoredFields == null ? List.of() : collection(ignoredFields, "ignoredFields");
        List<List<Map<String, Object>>> groups = groups(object(filter, "the filter"), ignored);
        if (rules != null) {
            groups = both(groups, groups(object(rules, "the rules"), List.of()));
        }
        List<Object> filterGroup = new ArrayList<>(groups.size());
        for (List<Map<String, Object>> filters : groups) {
            if (!filters.isEmpty()) {
                filterGroup.add(Map.of("filters", filters));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>(2);
        result.put("filterGroup", filterGroup);
        return result;
    }

    /** The alternatives (OR) of filter lists (AND) that {@code object} stands for. */
    private static List<List<Map<String, Object>>> groups(Map<?, ?> object, Collection<?> ignored) {
        List<List<Map<String, Object>>> groups = List.of(List.of());
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (ignored.contains(key)) {
                continue;
            }
            switch (key) {
                case "or" -> {
                    List<List<Map<String, Object>>> alternatives = new ArrayList<>();
                    for (Object alternative : collection(entry.getValue(), "\"or\"")) {
                        alternatives.addAll(groups(object(alternative, "an \"or\" element"), List.of()));
                    }
                    groups = both(groups, alternatives);
                }
                case "and" -> {
                    for (Object required : collection(entry.getValue(), "\"and\"")) {
                        groups = both(groups, groups(object(required, "an \"and\" element"), List.of()));
                    }
                }
                default -> groups = both(groups, List.of(fieldFilters(key, entry.getValue())));
            }
        }
        return groups;
    }

    private static List<Map<String, Object>> fieldFilters(String fieldName, Object conditions) {
        List<Map<String, Object>> filters = new ArrayList<>();
        for (Map.Entry<?, ?> condition : object(conditions, "the conditions of '" + fieldName + "'").entrySet()) {
            String operator = String.valueOf(condition.getKey());
            if (OPERATORS.contains(operator)) {
                Map<String, Object> filter = new LinkedHashMap<>(4);
                filter.put("fieldName", fieldName);
                filter.put("operator", operator);
                filter.put("value", condition.getValue());
                filters.add(filter);
            } else if (condition.getValue() instanceof Map<?, ?>) {
                filters.addAll(fieldFilters(fieldName + "." + operator, condition.getValue()));
            } else {
                throw new IllegalArgumentException("Unknown subscription filter operator '" + operator
                        + "' on field '" + fieldName + "'; expected one of " + OPERATORS);
            }
        }
        return filters;
    }

    /** Every alternative of {@code a} with every alternative of {@code b}. */
    private static List<List<Map<String, Object>>> both(List<List<Map<String, Object>>> a,
                                                        List<List<Map<String, Object>>> b) {
        List<List<Map<String, Object>>> out = new ArrayList<>(a.size() * b.size());
        for (List<Map<String, Object>> left : a) {
            for (List<Map<String, Object>> right : b) {
                List<Map<String, Object>> joined = new ArrayList<>(left.size() + right.size());
                joined.addAll(left);
                joined.addAll(right);
                out.add(joined);
            }
        }
        return out;
    }

    private static Map<?, ?> object(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException("Invalid subscription filter: " + what + " must be an object, not "
                + (value == null ? "null" : VtlJson.write(value)));
    }

    private static Collection<?> collection(Object value, String what) {
        if (value instanceof Collection<?> c) {
            return c;
        }
        throw new IllegalArgumentException("Invalid subscription filter: " + what + " must be a list, not "
                + (value == null ? "null" : VtlJson.write(value)));
    }
}
