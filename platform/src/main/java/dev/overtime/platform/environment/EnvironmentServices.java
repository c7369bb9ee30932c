package dev.overtime.platform.environment;

import java.util.concurrent.ScheduledExecutorService;

/**
 * What every pool shares: settings, the timer, the Runtime API door, the process launcher, the
 * freeze signals and the timer that freezes environments idle for the freeze grace.
 */
public record EnvironmentServices(
        EnvironmentSettings settings,
        ScheduledExecutorService timers,
        RuntimeApiBinder runtimeApi,
        FunctionProcessLauncher launcher,
        LogEcho echo,
        SignalPipe signals,
        IdleFreezeTimer idleFreezes) {

    public EnvironmentServices(EnvironmentSettings settings, ScheduledExecutorService timers,
                               RuntimeApiBinder runtimeApi, FunctionProcessLauncher launcher, LogEcho echo) {
        this(settings, timers, runtimeApi, launcher, echo, new SignalPipe(), new IdleFreezeTimer(settings.freezeGrace()));
    }
}
