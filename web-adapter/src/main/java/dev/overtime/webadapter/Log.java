package dev.overtime.webadapter;

import java.util.function.Consumer;

/**
 * The adapter's log lines. As its own process they go to stderr, which is the function's log; a
 * platform that hosts the adapter gives each adapter's threads the sink of its function's log.
 */
final class Log {

    private static final Consumer<String> STDERR = System.err::println;
    private static final InheritableThreadLocal<Sink> SINK = new InheritableThreadLocal<>();

    /** Where one adapter's lines go, and whether it logs at debug level. */
    record Sink(Consumer<String> lines, boolean debug) {
    }

    private Log() {
    }

    /** Sends this thread's lines, and those of the threads it starts, to {@code sink}. */
    static void bind(Sink sink) {
        SINK.set(sink);
    }

    static boolean debugWanted(java.util.Map<String, String> env) {
        return "debug".equalsIgnoreCase(env.get("AWS_LWA_LOG_LEVEL")) || "debug".equalsIgnoreCase(env.get("RUST_LOG"));
    }

    static void info(String message) {
        lines().accept("[lambda-adapter] " + message);
    }

    static void warn(String message) {
        lines().accept("[lambda-adapter] WARN " + message);
    }

    static void debug(String message) {
        Sink s = SINK.get();
        if (s != null && s.debug()) {
            s.lines().accept("[lambda-adapter] DEBUG " + message);
        }
    }

    private static Consumer<String> lines() {
        Sink s = SINK.get();
        return s == null ? STDERR : s.lines();
    }
}
