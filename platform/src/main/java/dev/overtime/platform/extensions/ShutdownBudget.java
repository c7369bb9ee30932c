package dev.overtime.platform.extensions;

/** How long AWS lets an environment's extensions react to SHUTDOWN before everything is killed. */
final class ShutdownBudget {
    private ShutdownBudget() {
    }

    static long millis(boolean anyRegistered, boolean anyExternal) {
        if (!anyRegistered) {
            return 0;
        }
        return anyExternal ? 2000 : 500;
    }
}
