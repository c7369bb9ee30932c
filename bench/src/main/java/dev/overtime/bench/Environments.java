package dev.overtime.bench;

import dev.overtime.platform.server.Platform;

/** How many environments a function has: 16 callers do not always mean 16 environments. */
final class Environments {

    private Environments() {
    }

    /** The function's environments alive now, starting, idle, busy or stopping. */
    static int of(Platform platform, String function) {
        return platform.functions().find(function).orElseThrow().latest().pool().describe().size();
    }
}
