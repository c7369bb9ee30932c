package dev.overtime.platform.security.iam;

import java.util.List;

/**
 * One test of a statement's {@code Condition} block: {@code {operator: {key: [values]}}}. Values of one
 * key are ORed; the block's tests are ANDed.
 */
public record Condition(ConditionOperator operator, boolean ifExists, String key, List<String> values) {

    public Condition {
        values = List.copyOf(values);
    }

    boolean holds(AccessRequest request) {
        String actual = request.contextValue(key);
        if (actual == null) {
            return ifExists || operator.holdsWhenAbsent(values);
        }
        return operator.holds(actual, values);
    }
}
