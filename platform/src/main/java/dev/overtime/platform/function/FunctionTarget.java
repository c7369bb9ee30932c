package dev.overtime.platform.function;

import java.util.Objects;

/**
 * What a caller invokes: a function and the qualifier it named ({@code null} when it named none),
 * already known to exist. An alias with weights picks its version per invocation.
 */
public record FunctionTarget(DeployedFunction function, String qualifier) {

    public FunctionTarget {
        Objects.requireNonNull(function, "function");
        if (qualifier != null && qualifier.isEmpty()) {
            qualifier = null;
        }
    }

    /** The version to run now; for a weighted alias a fresh choice on each call. */
    public FunctionVersion version() {
        FunctionVersion chosen = function.resolve(qualifier);
        // An alias or version deleted since lookup: the caller still gets a version that exists.
        return chosen != null ? chosen : function.latest();
    }

    public String name() {
        return function.name();
    }

    /** The ARN as the caller invoked it: qualified when it named a qualifier. */
    public String invokedArn() {
        return qualifier == null ? function.arn() : function.arn() + ":" + qualifier;
    }
}
