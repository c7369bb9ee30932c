package dev.overtime.platform.appsync.vtl;

import java.util.Map;

/** {@code $util.transform}. */
public final class VtlTransform {
    static final VtlTransform INSTANCE = new VtlTransform();

    private VtlTransform() {
    }

    public Map<String, Object> toSubscriptionFilter(Object filter) {
        return SubscriptionFilters.toSubscriptionFilter(filter, null, null);
    }

    public Map<String, Object> toSubscriptionFilter(Object filter, Object ignoredFields) {
        return SubscriptionFilters.toSubscriptionFilter(filter, ignoredFields, null);
    }

    /** See {@link SubscriptionFilters#toSubscriptionFilter}. */
    public Map<String, Object> toSubscriptionFilter(Object filter, Object ignoredFields, Object rules) {
        return SubscriptionFilters.toSubscriptionFilter(filter, ignoredFields, rules);
    }
}
