package dev.overtime.platform.versions.api;

import dev.overtime.platform.invoke.LambdaApiException;
import org.eclipse.jetty.util.Fields;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list operation ({@code Marker}, {@code MaxItems}). The marker is the key of the
 * first item of the next page, and a page starts at the first key not before it: an item deleted
 * between two calls shifts nothing, and one added later in the order shows up.
 *
 * @param items      the items of this page
 * @param nextMarker the next page's marker, or null on the last page
 */
record Page<T>(List<T> items, String nextMarker) {

    /** AWS's list operations answer at most 50 items, whatever MaxItems asks for. */
    static final int MAX_PER_PAGE = 50;

    /**
     * The page of {@code all} (sorted by {@code order} of their keys) that the request's {@code Marker}
     * and {@code MaxItems} ask for.
     */
    static <T> Page<T> of(List<T> all, Function<T, String> key, Comparator<String> order, Fields query)
            throws LambdaApiException {
        String marker = query.getValue("Marker");
        int max = maxItems(query.getValue("MaxItems"));
        int start = 0;
        if (marker != null && !marker.isEmpty()) {
            while (start < all.size() && order.compare(key.apply(all.get(start)), marker) < 0) {
                start++;
            }
        }
        int end = Math.min(all.size(), start + max);
        return new Page<>(List.copyOf(all.subList(start, end)), end < all.size() ? key.apply(all.get(end)) : null);
    }

    private static int maxItems(String value) throws LambdaApiException {
        if (value == null || value.isEmpty()) {
            return MAX_PER_PAGE;
        }
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw Validation.failed(value, "maxItems", "be an integer");
        }
        Validation.range(n, "maxItems", 1, 10_000);
        return Math.min(n, MAX_PER_PAGE);
    }
}
