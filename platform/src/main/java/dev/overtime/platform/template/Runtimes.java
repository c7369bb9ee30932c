package dev.overtime.platform.template;

import java.util.List;

/** The Lambda runtimes Overtime can run. */
final class Runtimes {

    static final List<String> SUPPORTED = List.of(
            "provided", "provided.al2", "provided.al2023",
            "java17", "java21", "java25",
            "nodejs18.x", "nodejs20.x", "nodejs22.x");

    private Runtimes() {
    }

    static boolean isSupported(String runtime) {
        return SUPPORTED.contains(runtime);
    }

    /** OS-only runtimes run a {@code bootstrap} executable and need no handler. */
    static boolean isCustom(String runtime) {
        return runtime.startsWith("provided");
    }
}
