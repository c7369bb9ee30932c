package dev.overtime.platform.appsync.subscriptions;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Which published results a subscription receives: the subscription's arguments, each equal to the
 * result's top-level field of that name, and AppSync's enhanced filter set by the subscription's resolver
 * ({@code {filterGroup: [{filters: [{fieldName, operator, value}]}]}}: groups OR'd, filters AND'd).
 */
public record EventFilter(Map<String, Object> arguments, Map<String, Object> enhanced) {

    public EventFilter {
        arguments = arguments == null ? Map.of() : arguments;
    }

    public boolean matches(Object value) {
        if (!(value instanceof Map<?, ?> fields)) {
            return arguments.isEmpty() && enhanced == null;
        }
        for (Map.Entry<String, Object> argument : arguments.entrySet()) {
            if (argument.getValue() != null && !same(fields.get(argument.getKey()), argument.getValue())) {
                return false;
            }
        }
        return enhanced == null || enhancedMatches(fields);
    }

    private boolean enhancedMatches(Map<?, ?> fields) {
        if (!(enhanced.get("filterGroup") instanceof List<?> groups) || groups.isEmpty()) {
            return true;
        }
        for (Object group : groups) {
            if (group instanceof Map<?, ?> g && g.get("filters") instanceof List<?> filters && all(filters, fields)) {
                return true;
            }
        }
        return false;
    }

    private static boolean all(List<?> filters, Map<?, ?> fields) {
        for (Object filter : filters) {
            if (!(filter instanceof Map<?, ?> f) || !test(f, fields)) {
                return false;
            }
        }
        return true;
    }

    private static boolean test(Map<?, ?> filter, Map<?, ?> fields) {
        Object actual = at(fields, String.valueOf(filter.get("fieldName")));
        Object expected = filter.get("value");
        return switch (String.valueOf(filter.get("operator"))) {
            case "eq" -> same(actual, expected);
            case "ne" -> !same(actual, expected);
            case "lt" -> compare(actual, expected) < 0 && actual != null;
            case "le" -> compare(actual, expected) <= 0 && actual != null;
            case "gt" -> compare(actual, expected) > 0 && actual != null;
            case "ge" -> compare(actual, expected) >= 0 && actual != null;
            case "contains" -> contains(actual, expected);
            case "notContains" -> !contains(actual, expected);
            case "beginsWith" -> actual instanceof String s && expected != null && s.startsWith(expected.toString());
            case "in" -> expected instanceof Collection<?> c && c.stream().anyMatch(e -> same(actual, e));
            case "notIn" -> !(expected instanceof Collection<?> c && c.stream().anyMatch(e -> same(actual, e)));
            case "between" -> expected instanceof List<?> range && range.size() == 2 && actual != null
                    && compare(actual, range.get(0)) >= 0 && compare(actual, range.get(1)) <= 0;
            case "containsAny" -> actual instanceof Collection<?> have && expected instanceof Collection<?> want
                    && want.stream().anyMatch(w -> have.stream().anyMatch(h -> same(h, w)));
            default -> false;
        };
    }

    private static Object at(Map<?, ?> fields, String path) {
        Object current = fields;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(part);
        }
        return current;
    }

    private static boolean contains(Object actual, Object expected) {
        if (actual instanceof String s) {
            return expected != null && s.contains(expected.toString());
        }
        return actual instanceof Collection<?> c && c.stream().anyMatch(e -> same(e, expected));
    }

    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number || b instanceof Number || a instanceof Boolean || b instanceof Boolean) {
            return a.toString().equals(b.toString());
        }
        return a.equals(b);
    }

    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == b ? 0 : -1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        return a.toString().compareTo(b.toString());
    }
}
