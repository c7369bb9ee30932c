package dev.overtime.platform.environment;

import java.util.concurrent.ScheduledExecutorService;

/** What every pool shares: settings, the timer, the Runtime API door and the process launcher. */
public record EnvironmentServices(
        EnvironmentSettings settings,
        ScheduledExecutorService timers,
        RuntimeApiBinder runtimeApi,
        FunctionProcessLauncher launcher,
        LogEcho echo) {
}
