package dev.overtime.platform.security;

import java.io.PrintStream;

/** One line per authorization decision: result, principal (or why there is none), action and resource. */
public final class DecisionLog {

    private final PrintStream out;

    public DecisionLog(PrintStream out) {
        this.out = out;
    }

    void allowed(Principal principal, RequestedAction action) {
        out.println("overtime: auth ALLOW principal=" + principal.userArn() + " action=" + action.action()
                + " resource=" + action.resource());
    }

    void denied(String principal, RequestedAction action, String reason) {
        out.println("overtime: auth DENY principal=" + principal + " action=" + action.action()
                + " resource=" + action.resource() + " reason=" + reason);
    }
}
