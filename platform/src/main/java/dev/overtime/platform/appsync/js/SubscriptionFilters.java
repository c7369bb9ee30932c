package dev.overtime.platform.appsync.js;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code util.transform.toSubscriptionFilter}: a filter object such as
 * {@code {userId: {eq: 'x'}, or: [{a: {gt: 1}}, {b: {eq: 2}}]}} becomes AppSync's
 * {@code {filterGroup: [{filters: [{fieldName, operator, value}, ...]}, ...]}}. Conditions in one object and in an
 * {@code and} list must all hold, so they share a group; each branch of an {@code or} list makes its own groups.
 */
final class SubscriptionFilters {

    private SubscriptionFilters() {
    }

    /**
     * @param filter        the filter object
     * @param ignoredFields field names to leave out, may be null
     * @param rules         a second filter object that must also hold, may be null
     * @throws IllegalArgumentException for a filter that is not shaped as AppSync documents
     */
    static Map<String, Object> toSubscriptionFilter(Object filter, Collection<?> ignoredFields, Object rules) {
        List<List<Map<String, Object>>> groups = groups(filter, ignoredFields);
        if (rules != null) {
            groups = allOf(groups, groups(rules, null));
        }
        List<Object> filterGroup = new ArrayList<>();
        for (List<Map<String, Object>> filters : groups) {
            if (!filters.isEmpty()) {
                filterGroup.add(Map.of("filters", filters));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("filterGroup", filterGroup);
        return out;
    }

    /** The filter as alternatives (OR) of filter lists (AND). */
    private static List<List<Map<String, Object>>> groups(Object filter, Collection<?> ignoredFields) {
        if (!(filter instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a subscription filter must be an object, not " + describe(filter));
        }
        List<List<Map<String, Object>>> groups = List.of(List.of());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (ignoredFields != null && ignoredFields.contains(key)) {
                continue;
            }
            List<List<Map<String, Object>>> term = switch (key) {
                case "or" -> anyOf(branches(key, entry.getValue(), ignoredFields));
                case "and" -> branches(key, entry.getValue(), ignoredFields).stream()
                        .reduce(List.of(List.of()), SubscriptionFilters::allOf);
                default -> List.of(fieldFilters(key, entry.getValue()));
            };
            groups = allOf(groups, term);
        }
        return groups;
    }

    private static List<List<List<Map<String, Object>>>> branches(String key, Object value,
                                                                  Collection<?> ignoredFields) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("'" + key + "' in a subscription filter takes a list of filters, not "
                    + describe(value));
        }
        List<List<List<Map<String, Object>>>> out = new ArrayList<>();
        for (Object branch : list) {
            out.add(groups(branch, ignoredFields));
        }
        return out;
    }

    private static List<List<Map<String, Object>>> anyOf(List<List<List<Map<String, Object>>>> branches) {
        List<List<Map<String, Object>>> out = new ArrayList<>();
        branches.forEach(out::addAll);
        return out;
    }

    /** Every group of {@code a} combined with every group of {@code b}. */
    private static List<List<Map<String, Object>>> allOf(List<List<Map<String, Object>>> a,
                                                         List<List<Map<String, Object>>> b) {
        List<List<Map<String, Object>>> out = new ArrayList<>();
        for (List<Map<String, Object>> left : a) {
            for (List<Map<String, Object>> right : b) {
                List<Map<String, Object>> both = new ArrayList<>(left);
                both.addAll(right);
                out.add(both);
            }
        }
        return out;
    }

    private static List<Map<String, Object>> fieldFilters(String field, Object conditions) {
        if (!(conditions instanceof Map<?, ?> operators) || operators.isEmpty()) {
            throw new IllegalArgumentException("subscription filter field '" + field
                    + "' needs operators such as {eq: value}, not " + describe(conditions));
        }
        List<Map<String, Object>> filters = new ArrayList<>();
        for (Map.Entry<?, ?> op : operators.entrySet()) {
            Map<String, Object> filter = new LinkedHashMap<>();
            filter.put("fieldName", field);
            filter.put("operator", String.valueOf(op.getKey()));
            filter.put("value", op.getValue());
            filters.add(filter);
        }
        return filters;
    }

    private static String describe(Object value) {
        return value == null ? "null" : value instanceof List ? "a list" : value instanceof Map ? "an object"
                : "'" + value + "'";
    }
}
