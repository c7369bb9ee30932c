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

    /**
     * The version to run now; for a weighted alias a fresh choice on each call. Null when the alias or
     * version has been deleted since (a URL or an API route on it, say): never another version in its place.
     */
    public FunctionVersion version() {
        return function.resolve(qualifier);
    }

    public String name() {
        return function.name();
    }

    /** The ARN as the caller invoked it: qualified when it named a qualifier. */
    public String invokedArn() {
        return qualifier == null ? function.arn() : function.arn() + ":" + qualifier;
    }
}
