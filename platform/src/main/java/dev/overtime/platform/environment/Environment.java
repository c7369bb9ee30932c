package dev.overtime.platform.environment;

import dev.overtime.platform.extensions.ExtensionSet;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.invocation.FunctionErrors;
import dev.overtime.platform.invocation.Invocation;
import dev.overtime.platform.invocation.InvocationOutcome;
import dev.overtime.platform.invocation.Settlement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One execution environment: a function process with its own Runtime API address and log stream.
 * Its scheduling state is guarded by its pool's lock; its process I/O happens outside it.
 */
public final class Environment {

    /** Why the platform ended an environment; decides what waiting invocations are told. */
    public enum StopReason {
        TIMEOUT, INIT_TIMEOUT, INIT_ERROR, RETIRED, SHUTDOWN, EXTENSION_CRASH;

        /** The {@code shutdownReason} extensions are told. */
        String extensionReason() {
            return switch (this) {
                case RETIRED, SHUTDOWN -> "spindown";
                case TIMEOUT -> "timeout";
                case INIT_TIMEOUT, INIT_ERROR, EXTENSION_CRASH -> "failure";
            };
        }
    }

    /** What the Runtime API knows about a request id on this environment. */
    public sealed interface Lookup {
        record InFlight(Invocation invocation) implements Lookup {
        }

        record AlreadyAnswered(Invocation invocation) implements Lookup {
        }

        record Unknown() implements Lookup {
        }
    }

    private final String id;
    private final EnvironmentPool pool;
    private final FunctionDefinition function;
    private final String logStreamName;
    private final EnvironmentLog log;
    private final int capacity;
    private final long createdNanos = System.nanoTime();
    private final ExtensionSet extensions = new ExtensionSet(this::externalExtensionExited);

    // Guarded by pool.lock.
    private EnvironmentState state = EnvironmentState.STARTING;
    private final Map<String, InFlight> inFlight = new HashMap<>();
    /** Workers expected to ask for an event soon: all of them while starting, then each that answered. */
    private int returning;
    private long lastUsedNanos = System.nanoTime();
    private double initDurationMillis;
    private boolean initDurationReported;
    private boolean initialized;
    /** Kept initialised and never retired as idle; started before any request, so it reports no init. */
    private boolean provisioned;
    private InvocationOutcome.Failure initError;
    private StopReason stopReason;
    private int parkedWorkers;
    /**
     * Moves on whenever the environment becomes idle or busy: a scheduled freeze of an older spell is
     * void. Written under the pool lock; volatile so the idle-freeze timer can drop a void freeze
     * without taking the lock, which it would otherwise contend for on almost every invoke.
     */
    private volatile long idleEpoch;

    private volatile Process process;
    private volatile java.util.function.LongSupplier peakMemory = () -> 0;
    private volatile ProcessIsolation.Enclosure enclosure = ProcessIsolation.Enclosure.HOST;
    private volatile RuntimeApiBinder.Binding binding;
    private volatile ScheduledFuture<?> initTimer;
    /** Completes once the launch thread has done all it will: close waits for it before it looks for processes. */
    private final java.util.concurrent.CompletableFuture<Void> launchEnded = new java.util.concurrent.CompletableFuture<>();
    /** Stops the processes between invocations; null when this function does not freeze. */
    private final ProcessFreezer freezer;

    /** An invocation this environment holds, with what it needs to settle it. */
    static final class InFlight {
        final Invocation invocation;
        final long logOffset;
        final double initMillis;
        ScheduledFuture<?> timer;

        InFlight(Invocation invocation, long logOffset, double initMillis) {
            this.invocation = invocation;
            this.logOffset = logOffset;
            this.initMillis = initMillis;
        }
    }

    Environment(String id, EnvironmentPool pool, FunctionDefinition function, String logStreamName,
                EnvironmentLog log, int capacity) {
        this(id, pool, function, logStreamName, log, capacity, false);
    }

    Environment(String id, EnvironmentPool pool, FunctionDefinition function, String logStreamName,
                EnvironmentLog log, int capacity, boolean provisioned) {
        this.provisioned = provisioned;
        // Its init ran before any request, so no invocation's REPORT carries it, as on AWS.
        this.initDurationReported = provisioned;
        this.id = id;
        this.pool = pool;
        this.function = function;
        this.logStreamName = logStreamName;
        this.log = log;
        this.capacity = capacity;
        this.returning = capacity;
        // Made before any process starts: extensions, launched before the runtime, join it first.
        this.freezer = pool.services().settings().freezes(function) ? new ProcessFreezer(pool.services().signals())
                : null;
    }

    public String id() {
        return id;
    }

    public FunctionDefinition function() {
        return function;
    }

    /** {@code $LATEST} or the published version this environment runs. */
    public String version() {
        return pool.version();
    }

    /** {@code AWS_LAMBDA_INITIALIZATION_TYPE}: how this environment came to be started. */
    public String initializationType() {
        return pool.locked(() -> provisioned) ? "provisioned-concurrency" : "on-demand";
    }

    boolean provisionedLocked() {
        return provisioned;
    }

    /** No longer part of the provisioned set: it retires when idle, like any on-demand environment. */
    void unprovisionLocked() {
        provisioned = false;
    }

    public String logStreamName() {
        return logStreamName;
    }

    public EnvironmentLog log() {
        return log;
    }

    public int capacity() {
        return capacity;
    }

    public EnvironmentPool pool() {
        return pool;
    }

    /** The extensions registered here, and the gate they put on the runtime's /next. */
    public ExtensionSet extensions() {
        return extensions;
    }

    public String runtimeApiAddress() {
        RuntimeApiBinder.Binding b = binding;
        return b == null ? null : b.address();
    }

    public EnvironmentState state() {
        return pool.locked(() -> state);
    }

    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    // ---- called by the Runtime API door -------------------------------------------------------

    /** Finds the invocation a runtime refers to by request id. */
    public Lookup lookup(String requestId) {
        return pool.locked(() -> {
            InFlight f = inFlight.get(requestId);
            if (f == null) {
                return new Lookup.Unknown();
            }
            return f.invocation.state() == dev.overtime.platform.invocation.InvocationState.DISPATCHED
                    ? new Lookup.InFlight(f.invocation) : new Lookup.AlreadyAnswered(f.invocation);
        });
    }

    /**
     * The runtime answered an invocation. Returns false if it was already answered (or ended by a
     * timeout), which the Runtime API reports as an invalid state transition.
     */
    public boolean answer(Invocation invocation, InvocationOutcome outcome) {
        // Count the environment as about to free a worker before the caller is answered: a caller
        // that fires its next request at once must find this worker counted, not be throttled.
        InFlight held = pool.locked(() -> {
            InFlight f = inFlight.get(invocation.requestId());
            if (f != null) {
                returning++;
            }
            return f;
        });
        if (!invocation.complete(outcome)) {
            if (held != null) {
                pool.locked(() -> returning--);
            }
            return false;
        }
        if (held != null && capacity > 1) {
            // With several workers a /next cannot be tied to one invocation: settle on the answer.
            boolean mine = pool.locked(() -> {
                boolean removed = inFlight.remove(invocation.requestId()) != null;
                afterSettleLocked();
                return removed;
            });
            if (mine) {
                settle(held, outcome);
            }
        }
        return true;
    }

    /** The runtime reported an init error; the environment is stopped and the error served to the waiting invoke. */
    public void initFailed(InvocationOutcome.Failure error) {
        pool.locked(() -> {
            if (initError == null) {
                initError = error;
            }
            return null;
        });
        stop(StopReason.INIT_ERROR);
    }

    // ---- called by the pool --------------------------------------------------------------------

    void attach(Process started, RuntimeApiBinder.Binding apiBinding) {
        this.process = started;
        this.peakMemory = started == null ? () -> 0 : enclosure.peakMegabytes(started);
        this.binding = apiBinding;
        EnvironmentServices services = pool.services();
        if (started != null && freezer != null) {
            freezer.add(started.toHandle(), services.launcher().leadsProcessGroup(function));
        }
    }

    /** Where this environment's processes run; set before any of them starts. */
    void enclosed(ProcessIsolation.Enclosure processes) {
        this.enclosure = processes;
    }

    ProcessIsolation.Enclosure enclosure() {
        return enclosure;
    }

    /** The freezer of this environment's processes, or null when it does not freeze; for extensions to join. */
    ProcessFreezer freezer() {
        return freezer;
    }

    /**
     * Under pool lock: a worker parked. Once every worker has and nothing is in flight, the
     * environment is idle: it freezes now, or after the freeze grace if it is idle still.
     */
    void workerParkedLocked() {
        parkedWorkers++;
        if (freezer != null && idleLocked()) {
            idleEpoch++;
            IdleFreezeTimer timer = pool.services().idleFreezes();
            if (timer.hasGrace()) {
                timer.schedule(this, idleEpoch);
            } else {
                freezer.freeze();
            }
        }
    }

    /** Freezes the processes if the environment has stayed idle since {@code epoch}; for the idle-freeze timer. */
    void freezeIfIdleSince(long epoch) {
        if (epoch != idleEpoch) {
            return;
        }
        pool.locked(() -> {
            if (epoch == idleEpoch && idleLocked()) {
                freezer.freeze();
            }
            return null;
        });
    }

    private boolean idleLocked() {
        return parkedWorkers == capacity && inFlight.isEmpty() && state == EnvironmentState.IDLE;
    }

    /** Under pool lock: a parked worker takes an invocation; the continue is queued before its event is written. */
    void workerTakenLocked() {
        parkedWorkers--;
        // Whatever freeze is still scheduled no longer applies: this idle spell is over.
        idleEpoch++;
        thawLocked();
    }

    /** Whether the processes are stopped between invocations right now. */
    public boolean frozen() {
        ProcessFreezer processes = freezer;
        return processes != null && pool.locked(processes::frozen);
    }

    private void thawLocked() {
        ProcessFreezer processes = freezer;
        if (processes != null) {
            processes.thaw();
        }
    }

    void startInitTimer(ScheduledFuture<?> timer) {
        this.initTimer = timer;
    }

    /** Under pool lock: the first /next arrived. */
    void initializedLocked() {
        if (state == EnvironmentState.STARTING) {
            state = EnvironmentState.IDLE;
            initialized = true;
            initDurationMillis = (System.nanoTime() - createdNanos) / 1e6;
            ScheduledFuture<?> t = initTimer;
            if (t != null) {
                t.cancel(false);
            }
        }
    }

    EnvironmentState stateLocked() {
        return state;
    }

    int returningLocked() {
        return returning;
    }

    boolean hasInFlightLocked() {
        return !inFlight.isEmpty();
    }

    long lastUsedNanosLocked() {
        return lastUsedNanos;
    }

    /**
     * Under pool lock: a worker asked for its next event. In a capacity-1 environment, returns the
     * answered invocation this settles (or null); throws if the current one was never answered.
     */
    InFlight takeAnsweredLocked() throws IllegalStateException {
        InFlight current = capacity > 1 || inFlight.isEmpty() ? null : inFlight.values().iterator().next();
        if (current != null && current.invocation.state() == dev.overtime.platform.invocation.InvocationState.DISPATCHED) {
            throw new IllegalStateException(current.invocation.requestId());
        }
        if (returning > 0) {
            returning--;
        }
        if (current == null) {
            // With several workers the invocation was settled when answered.
            return null;
        }
        inFlight.remove(current.invocation.requestId());
        afterSettleLocked();
        return current;
    }

    void markBusyLocked() {
        state = EnvironmentState.BUSY;
    }

    void afterSettleLocked() {
        lastUsedNanos = System.nanoTime();
        if (inFlight.isEmpty() && state == EnvironmentState.BUSY) {
            state = EnvironmentState.IDLE;
        }
    }

    /**
     * Registers a dispatched invocation, starts its timeout and writes the START line. Returns false
     * when the invocation cannot be delivered (it already ended, or this environment is stopping):
     * then no event may be written.
     */
    boolean dispatched(Invocation invocation) {
        long deadline = System.currentTimeMillis() + function.timeout().toMillis();
        if (!invocation.dispatch(deadline)) {
            return false;
        }
        long offset = log.start(invocation.requestId(), pool.version(), invocation.request().tailLogs());
        boolean dead = pool.locked(() -> {
            if (state == EnvironmentState.DEAD || state == EnvironmentState.STOPPING) {
                return true;
            }
            double init = 0;
            if (!initDurationReported) {
                initDurationReported = true;
                init = initDurationMillis;
            }
            InFlight f = new InFlight(invocation, offset, init);
            inFlight.put(invocation.requestId(), f);
            state = EnvironmentState.BUSY;
            f.timer = pool.services().timers().schedule(() -> timedOut(invocation),
                    function.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return false;
        });
        if (dead) {
            invocation.settle(Settlement.NONE, FunctionErrors.sandboxFailure(invocation.requestId(),
                    "the execution environment stopped before the event was delivered"));
            return false;
        }
        // Before the runtime's event is written, so a quick runtime's next /next already finds them busy.
        extensions.invoke(invocation);
        return true;
    }

    /** Writes END and REPORT and releases the invocation. */
    void settle(InFlight f, InvocationOutcome ifUnanswered) {
        if (f.timer != null) {
            f.timer.cancel(false);
        }
        Invocation inv = f.invocation;
        double duration = (System.nanoTime() - inv.dispatchedNanos()) / 1e6;
        long maxMemory = peakMemory.getAsLong();
        log.end(inv.requestId(), InvocationReport.of(duration, function.memorySizeMb(), maxMemory, f.initMillis));
        byte[] tail = inv.request().tailLogs() ? log.tail(f.logOffset, EnvironmentLog.TAIL_BYTES) : new byte[0];
        inv.settle(new Settlement(duration, tail), ifUnanswered);
    }

    private void timedOut(Invocation invocation) {
        boolean stillHere = pool.locked(() -> inFlight.containsKey(invocation.requestId()));
        if (!stillHere) {
            return;
        }
        log.platformLine(invocation.requestId(), "Task timed out after "
                + String.format(java.util.Locale.ROOT, "%.2f", function.timeout().toMillis() / 1000.0) + " seconds");
        InvocationOutcome.Failure timeout = FunctionErrors.timedOut(invocation.requestId(), function.timeout());
        if (!invocation.complete(timeout)) {
            endStream(invocation, timeout);
        }
        stop(StopReason.TIMEOUT);
    }

    /** A response still streaming when its environment ends is finished with that error. */
    private static void endStream(Invocation invocation, InvocationOutcome.Failure failure) {
        if (invocation.outcome().getNow(null) instanceof InvocationOutcome.Streamed streamed) {
            streamed.stream().finish(failure);
        }
    }

    void initTimedOut() {
        boolean starting = pool.locked(() -> state == EnvironmentState.STARTING);
        if (starting) {
            stop(StopReason.INIT_TIMEOUT);
        }
    }

    /**
     * Stops the process: at once for timeouts and failures, politely (SIGTERM, then SIGKILL after a
     * grace period) for retirement and shutdown.
     */
    public void stop(StopReason reason) {
        boolean first = pool.locked(() -> {
            if (!state.isLive()) {
                return false;
            }
            stopReason = reason;
            state = EnvironmentState.STOPPING;
            pool.forgetWorkersLocked(this);
            parkedWorkers = 0;
            // A stopped process gets SIGTERM only once continued; SIGKILL needs no thaw but gets one too.
            thawLocked();
            return true;
        });
        Process p = process;
        if (!first) {
            return;
        }
        // Extensions get SHUTDOWN and AWS's budget (0, 500 or 2000 ms) before their processes are killed.
        long budget = extensions.shutdown(reason.extensionReason(), pool.services().timers());
        if (p == null) {
            return;
        }
        if (reason == StopReason.RETIRED || reason == StopReason.SHUTDOWN) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            pool.services().timers().schedule(() -> kill(p), Math.max(500, budget), TimeUnit.MILLISECONDS);
        } else {
            kill(p);
        }
    }

    /** Waits until the process is gone, killing it (and its children) once {@code deadlineNanos} passes. */
    void awaitExit(long deadlineNanos) {
        try {
            // A launch still running may yet start processes; it stops short once it sees the stop.
            launchEnded.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // Past the grace: whatever it started is killed below or by the launch thread itself.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Process p = process;
        if (p == null) {
            extensions.awaitExit(deadlineNanos);
        } else {
            awaitRuntimeExit(p, deadlineNanos);
            extensions.awaitExit();
        }
        // Its processes are gone: a sandbox's mounts go now, not when the exit callbacks get to it.
        enclosure.close();
    }

    /** The launch thread is done: close need not wait for it any longer. */
    void launchEnded() {
        launchEnded.complete(null);
    }

    /** Whether the environment was stopped (the platform closed, say) while its processes were launching. */
    boolean stoppedWhileLaunching() {
        return pool.locked(() -> !state.isLive());
    }

    /** Kills a runtime that started after its environment was stopped; it never ran anything. */
    static void killLateRuntime(Process p) {
        kill(p);
    }

    private static void awaitRuntimeExit(Process p, long deadlineNanos) {
        try {
            long wait = deadlineNanos - System.nanoTime();
            if (wait <= 0 || !p.waitFor(wait, TimeUnit.NANOSECONDS)) {
                kill(p);
                p.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** The process is gone: fail what it held, free its address, let the pool rebalance. */
    void exited(int exitStatus) {
        record Gone(boolean initialized, List<InFlight> held, StopReason reason, InvocationOutcome.Failure init) {
        }
        Gone gone = pool.locked(() -> {
            state = EnvironmentState.DEAD;
            List<InFlight> held = new ArrayList<>(inFlight.values());
            inFlight.clear();
            returning = 0;
            pool.removeLocked(this);
            return new Gone(initialized, held, stopReason, initError);
        });
        ScheduledFuture<?> t = initTimer;
        if (t != null) {
            t.cancel(false);
        }
        boolean outOfMemory = enclosure.outOfMemory();
        for (InFlight f : gone.held()) {
            String requestId = f.invocation.requestId();
            InvocationOutcome.Failure failure = switch (gone.reason()) {
                case TIMEOUT -> FunctionErrors.timedOut(requestId, function.timeout());
                case EXTENSION_CRASH -> FunctionErrors.extensionCrash(requestId);
                case null, default -> outOfMemory ? FunctionErrors.outOfMemory(requestId, exitStatus)
                        : FunctionErrors.exited(requestId, exitStatus);
            };
            if (f.invocation.state() == dev.overtime.platform.invocation.InvocationState.DISPATCHED
                    && gone.reason() != StopReason.TIMEOUT && gone.reason() != StopReason.EXTENSION_CRASH) {
                log.platformLine(requestId, "Error: Runtime exited with error: "
                        + FunctionErrors.exitDescription(exitStatus) + "\n" + failure.errorType());
            }
            endStream(f.invocation, failure);
            settle(f, failure);
        }
        // A runtime that died on its own: extensions are told (failure) and outlive it by their budget.
        extensions.shutdown(StopReason.EXTENSION_CRASH.extensionReason(), pool.services().timers());
        RuntimeApiBinder.Binding b = binding;
        // Extensions may still ask for their SHUTDOWN event on this address, and still run in the enclosure.
        extensions.allExited().whenComplete((done, failed) -> {
            if (b != null) {
                b.close();
            }
            enclosure.close();
        });
        log.close();
        boolean neverReady = !gone.initialized();
        Function<String, InvocationOutcome.Failure> startFailure = null;
        if (neverReady) {
            if (gone.init() != null) {
                InvocationOutcome.Failure init = gone.init();
                startFailure = requestId -> init;
            } else if (gone.reason() == StopReason.EXTENSION_CRASH) {
                startFailure = FunctionErrors::extensionCrash;
            } else if (gone.reason() == StopReason.INIT_TIMEOUT) {
                startFailure = requestId -> FunctionErrors.initTimedOut(requestId, pool.services().settings().initTimeout());
            } else if (gone.reason() != StopReason.SHUTDOWN && gone.reason() != StopReason.RETIRED) {
                startFailure = requestId -> FunctionErrors.exitedBeforeInit(requestId, exitStatus);
            }
        }
        pool.environmentGone(this, startFailure);
    }

    /** An external extension's process ended while the environment was live: AWS resets the environment. */
    private void externalExtensionExited() {
        if (!pool.locked(() -> state.isLive())) {
            return;
        }
        log.platformLine("-", "Extension.Crash: an extension process exited; the execution environment is reset");
        stop(StopReason.EXTENSION_CRASH);
    }

    /** A process could not even be launched. */
    void launchFailed(LaunchException failure) {
        pool.locked(() -> {
            state = EnvironmentState.DEAD;
            pool.removeLocked(this);
            return null;
        });
        // Extensions started before the runtime failed to: they get SHUTDOWN and their budget, then are killed.
        extensions.shutdown(StopReason.INIT_ERROR.extensionReason(), pool.services().timers());
        RuntimeApiBinder.Binding b = binding;
        if (b != null) {
            b.close();
        }
        extensions.allExited().whenComplete((done, failed) -> enclosure.close());
        log.platformLine("-", "Error: " + failure.getMessage());
        log.close();
        pool.environmentGone(this, failure::failureFor);
    }

    @Override
    public String toString() {
        return "Environment[" + function.name() + "/" + id + "]";
    }
}
