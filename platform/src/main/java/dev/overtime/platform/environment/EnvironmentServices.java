package dev.overtime.platform.environment;

import java.util.concurrent.ScheduledExecutorService;

/** What every pool shares: settings, the timer, the Runtime API door, the process launcher and the freeze signals. */
public record EnvironmentServices(
        EnvironmentSettings settings,
        ScheduledExecutorService timers,
        RuntimeApiBinder runtimeApi,
        FunctionProcessLauncher launcher,
        LogEcho echo,
        SignalPipe signals) {

    public EnvironmentServices(EnvironmentSettings settings, ScheduledExecutorService timers,
                               RuntimeApiBinder runtimeApi, FunctionProcessLauncher launcher, LogEcho echo) {
        this(settings, timers, runtimeApi, launcher, echo, new SignalPipe());
    }
}
