package dev.overtime.platform.appsync.vtl;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code $util.list}. Lists are copied, never changed in place. */
public final class VtlLists {
    static final VtlLists INSTANCE = new VtlLists();
    /** AppSync sorts lists of up to this many elements. */
    static final int SORT_LIMIT = 1000;

    private VtlLists() {
    }

    public List<Object> copyAndRetainAll(Object list, Object retained) {
        List<Object> copy = copy(list);
        copy.retainAll(collection(retained));
        return copy;
    }

    public List<Object> copyAndRemoveAll(Object list, Object removed) {
        List<Object> copy = copy(list);
        copy.removeAll(collection(removed));
        return copy;
    }

    /**
     * Sorts strings, numbers or booleans by value, or maps by their {@code property}; descending when
     * {@code descending} is true. A list whose elements are not all of one kind comes back unsorted, as on AppSync.
     */
    public List<Object> sortList(Object list, Object descending, Object property) {
        List<Object> copy = copy(list);
        if (copy.size() > SORT_LIMIT) {
            throw new IllegalArgumentException("$util.list.sortList sorts at most " + SORT_LIMIT
                    + " elements, not " + copy.size());
        }
        String kind = commonKind(copy);
        if (kind == null) {
            return copy;
        }
        Comparator<Object> order = kind.equals("Map")
                ? Comparator.comparing(e -> ((Map<?, ?>) e).get(String.valueOf(property)), VtlLists::compareValues)
                : VtlLists::compareValues;
        copy.sort(Boolean.TRUE.equals(descending) ? order.reversed() : order);
        return copy;
    }

    private static String commonKind(List<Object> list) {
        String kind = null;
        for (Object element : list) {
            String elementKind = switch (element) {
                case String s -> "String";
                case Number n -> "Number";
                case Boolean b -> "Boolean";
                case Map<?, ?> m -> "Map";
                case null, default -> null;
            };
            if (elementKind == null || kind != null && !kind.equals(elementKind)) {
                return null;
            }
            kind = elementKind;
        }
        return kind;
    }

    /** Nulls first; numbers by value; other values of one type naturally; mixed types by their text. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        if (a instanceof Comparable c && a.getClass() == b.getClass()) {
            return c.compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }

    private static List<Object> copy(Object list) {
        return new ArrayList<>(collection(list));
    }

    private static Collection<?> collection(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> c) {
            return c;
        }
        throw new IllegalArgumentException("Expected a list, got " + value.getClass().getSimpleName());
    }
}
