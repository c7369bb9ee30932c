package dev.overtime.platform.function;

import java.util.Set;

/** The environment variable keys Lambda sets itself and refuses in a function's configuration. */
public final class ReservedEnvironmentKeys {

    private static final Set<String> RESERVED = Set.of(
            "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
            "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

    /** Lambda documents this one as the way to install a wrapper script, so users may set it. */
    private static final String EXEC_WRAPPER = "AWS_LAMBDA_EXEC_WRAPPER";

    private ReservedEnvironmentKeys() {
    }

    public static boolean isReserved(String key) {
        return RESERVED.contains(key) || key.startsWith("AWS_LAMBDA_") && !key.equals(EXEC_WRAPPER);
    }
}
