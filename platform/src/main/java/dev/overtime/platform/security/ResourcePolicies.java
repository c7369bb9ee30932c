package dev.overtime.platform.security;

import dev.overtime.platform.security.iam.AccessRequest;
import dev.overtime.platform.security.iam.Condition;
import dev.overtime.platform.security.iam.ConditionOperator;
import dev.overtime.platform.security.iam.Decision;
import dev.overtime.platform.security.iam.Effect;
import dev.overtime.platform.security.iam.Policy;
import dev.overtime.platform.security.iam.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * Functions' resource policies, from the template's {@code AWS::Lambda::Permission}s, evaluated beside
 * the caller's identity policies. A statement grants on its own only when its principal is the caller
 * itself or {@code *}: a permission for the account (or its root) delegates to the account's IAM
 * policies, and one for a service principal is for that service, as in AWS.
 */
public final class ResourcePolicies {

    private record Grant(String principal, Policy policy) {
    }

    private final List<Grant> grants;

    private ResourcePolicies(List<Grant> grants) {
        this.grants = List.copyOf(grants);
    }

    public static ResourcePolicies none() {
        return new ResourcePolicies(List.of());
    }

    public static ResourcePolicies of(List<FunctionPermission> permissions, String region, String accountId) {
        List<Grant> grants = new ArrayList<>();
        for (FunctionPermission p : permissions) {
            String arn = "arn:aws:lambda:" + region + ":" + accountId + ":function:" + p.functionName()
                    + (p.qualifier() == null ? "" : ":" + p.qualifier());
            List<Condition> conditions = new ArrayList<>();
            if (p.sourceArn() != null) {
                conditions.add(new Condition(ConditionOperator.ARN_LIKE, false, "aws:sourcearn", List.of(p.sourceArn())));
            }
            if (p.sourceAccount() != null) {
                conditions.add(new Condition(ConditionOperator.STRING_EQUALS, false, "aws:sourceaccount",
                        List.of(p.sourceAccount())));
            }
            if (p.functionUrlAuthType() != null) {
                conditions.add(new Condition(ConditionOperator.STRING_EQUALS, false, "lambda:functionurlauthtype",
                        List.of(p.functionUrlAuthType())));
            }
            grants.add(new Grant(p.principal(), new Policy(List.of(new Statement(null, Effect.ALLOW,
                    List.of(p.action()), false, List.of(arn), false, conditions)))));
        }
        return new ResourcePolicies(grants);
    }

    public Decision evaluate(AccessRequest request) {
        List<Policy> applicable = new ArrayList<>();
        for (Grant grant : grants) {
            if (grant.principal().equals("*") || grant.principal().equals(request.principalArn())) {
                applicable.add(grant.policy());
            }
        }
        return applicable.isEmpty() ? Decision.IMPLICIT_DENY : Policy.evaluate(applicable, request);
    }
}
