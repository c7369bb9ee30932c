package dev.overtime.platform.security.iam;

import java.util.List;

/** An IAM policy document: its statements, in the order written. */
public record Policy(List<Statement> statements) {

    public Policy {
        statements = List.copyOf(statements);
    }

    /**
     * IAM's evaluation over any number of policies: an explicit Deny in any of them wins, otherwise an
     * Allow allows, otherwise the request is implicitly denied.
     */
    public static Decision evaluate(List<Policy> policies, AccessRequest request) {
        boolean allowed = false;
        for (Policy policy : policies) {
            for (Statement statement : policy.statements) {
                if (statement.applies(request)) {
                    if (statement.effect() == Effect.DENY) {
                        return Decision.EXPLICIT_DENY;
                    }
                    allowed = true;
                }
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }
}
