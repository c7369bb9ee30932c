package dev.overtime.webadapter;

/** The adapter's log lines, on stderr so they reach the function's log. */
final class Log {

    private static final boolean DEBUG = "debug".equalsIgnoreCase(System.getenv("AWS_LWA_LOG_LEVEL"))
            || "debug".equalsIgnoreCase(System.getenv("RUST_LOG"));

    private Log() {
    }

    static void info(String message) {
        System.err.println("[lambda-adapter] " + message);
    }

    static void warn(String message) {
        System.err.println("[lambda-adapter] WARN " + message);
    }

    static void debug(String message) {
        if (DEBUG) {
            System.err.println("[lambda-adapter] DEBUG " + message);
        }
    }
}
