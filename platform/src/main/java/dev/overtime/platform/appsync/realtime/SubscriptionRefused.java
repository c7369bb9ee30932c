package dev.overtime.platform.appsync.realtime;

import java.util.List;
import java.util.Map;

/**
 * A subscription that cannot start.
 *
 * @see RealtimeError
 */
public final class SubscriptionRefused extends Exception {

    private final transient List<Map<String, Object>> errors;
    private final boolean unauthorized;

    /**
     * @param errors       AppSync-shaped errors: {@code {errorType, message, locations?, path?}}
     * @param unauthorized whether the credentials were the problem (AppSync: errorType {@code Unauthorized})
     */
    public SubscriptionRefused(List<Map<String, Object>> errors, boolean unauthorized) {
        super(errors.isEmpty() ? "refused" : String.valueOf(errors.getFirst().get("message")), null, false, false);
        this.errors = List.copyOf(errors);
        this.unauthorized = unauthorized;
    }

    public List<Map<String, Object>> errors() {
        return errors;
    }

    public boolean unauthorized() {
        return unauthorized;
    }
}
