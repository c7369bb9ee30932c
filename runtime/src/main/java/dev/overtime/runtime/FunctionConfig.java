package dev.overtime.runtime;

import java.util.Map;

/** The function's settings, read once from the environment the platform (or AWS Lambda) sets. */
final class FunctionConfig {
    final String runtimeApi;
    /** The handler string, or null if neither an argument nor {@code _HANDLER} gave one. */
    final String handler;
    final String taskRoot;
    final String functionName;
    final String functionVersion;
    final int memoryLimitMb;
    final String logGroupName;
    final String logStreamName;
    /** The raw {@code AWS_LAMBDA_MAX_CONCURRENCY}, or null. */
    final String maxConcurrency;
    final String logLevel;
    final String logFormat;

    private FunctionConfig(String[] args, Map<String, String> env) {
        this.runtimeApi = env.get("AWS_LAMBDA_RUNTIME_API");
        // AWS's runtime interface client takes the handler as its first argument; custom runtime
        // bootstraps often rely on _HANDLER instead.
        this.handler = args.length > 0 && !args[0].isEmpty() ? args[0] : env.get("_HANDLER");
        String root = env.get("LAMBDA_TASK_ROOT");
        this.taskRoot = root != null && !root.isEmpty() ? root : System.getProperty("user.dir");
        this.functionName = env.get("AWS_LAMBDA_FUNCTION_NAME");
        this.functionVersion = env.get("AWS_LAMBDA_FUNCTION_VERSION");
        this.memoryLimitMb = parseInt(env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), 128);
        this.logGroupName = env.get("AWS_LAMBDA_LOG_GROUP_NAME");
        this.logStreamName = env.get("AWS_LAMBDA_LOG_STREAM_NAME");
        this.maxConcurrency = env.get("AWS_LAMBDA_MAX_CONCURRENCY");
        this.logLevel = env.get("AWS_LAMBDA_LOG_LEVEL");
        this.logFormat = env.get("AWS_LAMBDA_LOG_FORMAT");
    }

    static FunctionConfig from(String[] args, Map<String, String> env) {
        return new FunctionConfig(args, env);
    }

    private static int parseInt(String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
