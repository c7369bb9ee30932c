package dev.overtime.platform.security.iam;

import java.util.List;

/**
 * One policy statement. Exactly one of {@code Action}/{@code NotAction} and one of
 * {@code Resource}/{@code NotResource} is given; {@code notAction}/{@code notResource} say which.
 */
public record Statement(String sid, Effect effect, List<String> actions, boolean notAction, List<String> resources,
                        boolean notResource, List<Condition> conditions) {

    public Statement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditions = List.copyOf(conditions);
    }

    boolean applies(AccessRequest request) {
        return notAction != anyMatches(actions, request.action(), true)
                && notResource != anyMatches(resources, request.resource(), false)
                && conditions.stream().allMatch(c -> c.holds(request));
    }

    private static boolean anyMatches(List<String> patterns, String value, boolean ignoreCase) {
        for (String pattern : patterns) {
            if (Wildcard.matches(pattern, value, ignoreCase)) {
                return true;
            }
        }
        return false;
    }
}
