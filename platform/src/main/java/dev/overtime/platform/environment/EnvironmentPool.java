package dev.overtime.platform.environment;

import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.invocation.FunctionErrors;
import dev.overtime.platform.invocation.Invocation;
import dev.overtime.platform.invocation.InvocationOutcome;
import dev.overtime.platform.invocation.InvocationState;
import dev.overtime.platform.invocation.Settlement;

import java.time.format.DateTimeFormatter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The environments of one function: hands invocations to parked workers, starts environments on
 * demand up to the function's concurrency, answers 429 beyond it, and retires idle ones.
 *
 * <p>Scheduling rule for an invocation that finds no parked worker:
 * <ol>
 *   <li>if an environment is about to free a worker (it answered and has not asked for its next
 *       event yet, or it is still starting), wait for it; if it has not come within the settle
 *       grace, start another environment when allowed;</li>
 *   <li>otherwise start a new environment, if the function's concurrency allows;</li>
 *   <li>otherwise throw {@link ConcurrencyLimitExceeded} (HTTP 429).</li>
 * </ol>
 * Whichever worker parks first takes the oldest waiting invocation.
 *
 * <pre>
 * [door]        submit(inv) --lock--> parked worker? deliver outside the lock : queue (+ start env)
 * [runtime]     /next -> workerReady(w) --lock--> settle previous; take oldest queued or park
 * [exit watch]  exited -> environmentGone --lock--> fail or re-home what waited on that environment
 * </pre>
 */
public final class EnvironmentPool {

    private final ReentrantLock lock = new ReentrantLock();
    private final FunctionDefinition function;
    private final String version;
    private final EnvironmentServices services;
    private final ConcurrencyLimit limit;
    private final int capacityPerEnvironment;

    // Guarded by lock.
    private final List<Environment> environments = new ArrayList<>();
    private final ParkedWorkers parked = new ParkedWorkers();
    private final ArrayDeque<Invocation> waiting = new ArrayDeque<>();
    /** Environments gone from the pool whose extension processes may still run out their shutdown budget. */
    private final Set<Environment> departing = new HashSet<>();
    private boolean closed;
    /** Retired by a newer $LATEST: no new environments; each one stops once nothing waits for it. */
    private boolean draining;
    /** Environments kept initialised and never retired as idle (provisioned concurrency). */
    private int provisionedTarget;
    /** Why the last provisioned environment failed to start, or null. */
    private String provisioningFailure;

    /** The {@code $LATEST} pool of a function whose versions share nothing (tests, benchmarks). */
    public EnvironmentPool(FunctionDefinition function, EnvironmentServices services) {
        this(function, "$LATEST", ConcurrencyLimit.of(function.reservedConcurrency(),
                services.settings().defaultConcurrency()), services);
    }

    /**
     * The pool of one version of a function.
     *
     * @param version {@code $LATEST} or a published version's number
     * @param limit   the function's concurrency, shared by the pools of all its versions
     */
    public EnvironmentPool(FunctionDefinition function, String version, ConcurrencyLimit limit,
                           EnvironmentServices services) {
        this.function = function;
        this.version = version;
        this.services = services;
        this.limit = limit;
        this.capacityPerEnvironment = parseCapacity(function.environment().get("AWS_LAMBDA_MAX_CONCURRENCY"));
    }

    public FunctionDefinition function() {
        return function;
    }

    /** {@code $LATEST} or the published version this pool runs. */
    public String version() {
        return version;
    }

    /** How many invocations the function may run at once: environments times workers per environment. */
    public int concurrencyLimit() {
        return limit.maxEnvironments() * capacityPerEnvironment;
    }

    EnvironmentServices services() {
        return services;
    }

    /** Hands the invocation to a worker now or soon; throws when the function is at its limit. */
    public void submit(Invocation invocation) throws ConcurrencyLimitExceeded {
        submit(invocation, null);
    }

    /**
     * As {@link #submit(Invocation)}, preferring a parked worker served by {@code near}, the thread
     * that will write the answer: the event and the answer are then written by one thread, and
     * several selector threads each serve their own callers without handing invokes to each other.
     */
    public void submit(Invocation invocation, Executor near) throws ConcurrencyLimitExceeded {
        Worker worker;
        Environment started = null;
        lock.lock();
        try {
            if (closed) {
                invocation.settle(Settlement.NONE, FunctionErrors.sandboxFailure(invocation.requestId(),
                        "the platform is shutting down"));
                return;
            }
            if (limit.maxEnvironments() == 0) {
                throw new ConcurrencyLimitExceeded("ReservedFunctionConcurrentInvocationLimitExceeded",
                        "Rate Exceeded.");
            }
            worker = takeParkedLocked(near);
            if (worker == null) {
                int soon = workersSoonLocked();
                if (waiting.size() < soon) {
                    waiting.addLast(invocation);
                    if (limit.available()) {
                        services.timers().schedule(() -> graceExpired(invocation),
                                services.settings().settleGrace().toNanos(), TimeUnit.NANOSECONDS);
                    }
                } else if ((started = newEnvironmentLocked(false)) != null) {
                    waiting.addLast(invocation);
                } else {
                    throw limitExceeded();
                }
            } else {
                worker.environment().markBusyLocked();
            }
        } finally {
            lock.unlock();
        }
        if (worker != null) {
            worker.deliver(invocation);
        }
        if (started != null) {
            launch(started);
        }
    }

    /**
     * A runtime asked for its next event. Settles what it answered before, then either hands it the
     * oldest waiting invocation (written before returning) or parks it.
     *
     * @throws IllegalStateException if the runtime has an invocation it never answered
     */
    public void workerReady(Worker worker) {
        Environment env = worker.environment();
        Environment.InFlight answered;
        Invocation next = null;
        boolean retire = false;
        lock.lock();
        try {
            EnvironmentState state = env.stateLocked();
            if (state == EnvironmentState.DEAD || state == EnvironmentState.STOPPING) {
                return;
            }
            env.initializedLocked();
            answered = env.takeAnsweredLocked();
            if (!closed) {
                next = pollWaitingLocked();
            }
            if (next != null) {
                env.markBusyLocked();
            } else if (draining && !env.hasInFlightLocked()) {
                retire = true;
            } else {
                parkLocked(worker);
            }
        } finally {
            lock.unlock();
        }
        if (answered != null) {
            env.settle(answered, answered.invocation.outcome().getNow(null));
        }
        if (next != null) {
            worker.deliver(next);
        }
        if (retire) {
            env.stop(Environment.StopReason.RETIRED);
        }
    }

    /** A worker whose invocation could not be delivered: it takes the next waiting one or parks again. */
    void reoffer(Worker worker) {
        Environment env = worker.environment();
        Invocation next = null;
        lock.lock();
        try {
            if (!env.stateLocked().isLive()) {
                return;
            }
            if (!closed) {
                next = pollWaitingLocked();
            }
            if (next == null) {
                env.afterSettleLocked();
                parkLocked(worker);
            }
        } finally {
            lock.unlock();
        }
        if (next != null) {
            worker.deliver(next);
        }
    }

    /** Retires environments idle for longer than the idle timeout. */
    public void retireIdle() {
        long idleBefore = System.nanoTime() - services.settings().idleTimeout().toNanos();
        List<Environment> idle = new ArrayList<>();
        lock.lock();
        try {
            for (Environment env : environments) {
                if (env.stateLocked() == EnvironmentState.IDLE && !env.hasInFlightLocked()
                        && !env.provisionedLocked() && env.lastUsedNanosLocked() < idleBefore) {
                    idle.add(env);
                }
            }
        } finally {
            lock.unlock();
        }
        idle.forEach(env -> env.stop(Environment.StopReason.RETIRED));
    }

    /**
     * Stops every environment and fails what is still waiting. Processes get SIGTERM; those still
     * alive after {@code grace} are killed, as are the extensions of departed environments once their
     * budget is spent or the grace is over. Returns only when every process is gone, so a platform
     * that stops never leaves a function or extension process behind.
     */
    public void close(java.time.Duration grace) {
        record Snapshot(List<Environment> live, List<Environment> departed) {
        }
        Snapshot all = locked(() -> new Snapshot(new ArrayList<>(environments), new ArrayList<>(departing)));
        stopAll();
        long deadline = System.nanoTime() + grace.toNanos();
        all.live().forEach(env -> env.awaitExit(deadline));
        all.departed().forEach(env -> {
            env.extensions().awaitExit(deadline);
            env.enclosure().close();
        });
    }

    private void stopAll() {
        List<Environment> all;
        List<Invocation> abandoned;
        lock.lock();
        try {
            closed = true;
            all = new ArrayList<>(environments);
            abandoned = new ArrayList<>(waiting);
            waiting.clear();
        } finally {
            lock.unlock();
        }
        abandoned.forEach(inv -> inv.settle(Settlement.NONE,
                FunctionErrors.sandboxFailure(inv.requestId(), "the platform is shutting down")));
        all.forEach(env -> env.stop(Environment.StopReason.SHUTDOWN));
    }

    /** Environments and their states, for the debug endpoint and tests. */
    public List<EnvironmentView> describe() {
        return locked(() -> environments.stream()
                .map(e -> new EnvironmentView(e.id(), e.stateLocked(), e.pid(), e.runtimeApiAddress(),
                        e.logStreamName(), e.log().file().toString(), version, e.provisionedLocked()))
                .toList());
    }

    /** A snapshot of one environment. */
    public record EnvironmentView(String id, EnvironmentState state, long pid, String runtimeApi,
                                  String logStream, String logFile, String version, boolean provisioned) {
    }

    // ---- package-private hooks for Environment -------------------------------------------------

    <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    void forgetWorkersLocked(Environment env) {
        parked.removeIf(w -> w.environment() == env);
    }

    void removeLocked(Environment env) {
        if (environments.remove(env)) {
            limit.release();
        }
        forgetWorkersLocked(env);
        // Its extensions outlive it by their shutdown budget, a kill the platform's timers may no longer run.
        departing.add(env);
        env.extensions().allExited().whenComplete((done, failed) -> locked(() -> departing.remove(env)));
    }

    /**
     * An environment died. If it never became ready, the oldest waiting invocation (the one it was
     * started for) gets its start failure. Then whatever waited on it is re-homed: a new environment
     * if allowed, otherwise a 429.
     */
    void environmentGone(Environment env, Function<String, InvocationOutcome.Failure> startFailure) {
        List<Invocation> failed = new ArrayList<>();
        List<Invocation> throttled = new ArrayList<>();
        List<Environment> started = new ArrayList<>();
        lock.lock();
        try {
            if (startFailure != null && env.provisionedLocked()) {
                // A provisioned environment is started for nobody: its failure is the configuration's.
                provisioningFailure = "an environment failed to initialise: " + startFailure.apply("-").errorType();
            } else if (startFailure != null) {
                Invocation first = pollWaitingLocked();
                if (first != null) {
                    failed.add(first);
                }
            }
            while (!closed && waiting.size() > workersSoonLocked()) {
                Environment more = newEnvironmentLocked(false);
                if (more != null) {
                    started.add(more);
                } else {
                    throttled.add(waiting.pollLast());
                }
            }
            if (startFailure == null) {
                started.addAll(provisionLocked());
            }
        } finally {
            lock.unlock();
        }
        for (Invocation inv : failed) {
            inv.settle(Settlement.NONE, startFailure.apply(inv.requestId()));
        }
        for (Invocation inv : throttled) {
            inv.settle(Settlement.NONE, new InvocationOutcome.Throttled(limitReason()));
        }
        started.forEach(this::launch);
    }

    // ---- internals -------------------------------------------------------------------------------

    private void graceExpired(Invocation invocation) {
        Environment started = null;
        lock.lock();
        try {
            if (invocation.state() != InvocationState.ACCEPTED || !waiting.contains(invocation)) {
                return;
            }
            if (!closed && waiting.size() > startingWorkersLocked()) {
                started = newEnvironmentLocked(false);
            }
        } finally {
            lock.unlock();
        }
        if (started != null) {
            launch(started);
        }
    }

    private void parkLocked(Worker worker) {
        parked.park(worker);
        worker.environment().workerParkedLocked();
    }

    private Worker takeParkedLocked(Executor near) {
        Worker worker = parked.take(near);
        if (worker != null) {
            worker.environment().workerTakenLocked();
        }
        return worker;
    }

    private Invocation pollWaitingLocked() {
        for (Iterator<Invocation> it = waiting.iterator(); it.hasNext(); ) {
            Invocation inv = it.next();
            it.remove();
            if (inv.state() == InvocationState.ACCEPTED) {
                return inv;
            }
        }
        return null;
    }

    /** Workers that will park without any new environment: starting ones and those that answered. */
    private int workersSoonLocked() {
        int soon = 0;
        for (Environment env : environments) {
            if (env.stateLocked().isLive()) {
                soon += env.returningLocked();
            }
        }
        return soon;
    }

    private int startingWorkersLocked() {
        int starting = 0;
        for (Environment env : environments) {
            if (env.stateLocked() == EnvironmentState.STARTING) {
                starting += env.capacity();
            }
        }
        return starting;
    }

    private ConcurrencyLimitExceeded limitExceeded() {
        return new ConcurrencyLimitExceeded(limitReason(), "Rate Exceeded.");
    }

    private String limitReason() {
        return limit.reason();
    }

    /** A new environment, or null when the function's concurrency (or a drain) allows none. */
    private Environment newEnvironmentLocked(boolean provisioned) {
        if (draining || !limit.tryTake()) {
            return null;
        }
        String id = HexFormat.of().formatHex(randomBytes(16));
        String stream = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
                + "/[" + version + "]" + id;
        String file = stream.replace('/', '-').replace("[$LATEST]", "").replace("[", "").replace("]", "-") + ".log";
        EnvironmentLog log = EnvironmentLog.create(services.settings().dataDir().resolve("logs")
                .resolve(function.name()).resolve(file));
        Environment env = new Environment(id.substring(0, 12), this, function, stream, log, capacityPerEnvironment,
                provisioned);
        environments.add(env);
        return env;
    }

    // ---- provisioned concurrency and draining ---------------------------------------------------

    /**
     * Keeps {@code count} environments initialised from now on, never retired as idle: the missing
     * ones start at once (as many as the function's concurrency allows), and extra ones become
     * on-demand environments that retire when idle.
     */
    public void provision(int count) {
        List<Environment> started;
        lock.lock();
        try {
            provisionedTarget = Math.max(0, count);
            provisioningFailure = null;
            int kept = 0;
            for (Environment env : environments) {
                if (env.provisionedLocked() && env.stateLocked().isLive()) {
                    if (kept < provisionedTarget) {
                        kept++;
                    } else {
                        env.unprovisionLocked();
                    }
                }
            }
            started = provisionLocked();
        } finally {
            lock.unlock();
        }
        started.forEach(this::launch);
    }

    /** The environments to start so that the provisioned target is met (none once closed). */
    private List<Environment> provisionLocked() {
        List<Environment> started = new ArrayList<>();
        if (closed || draining) {
            return started;
        }
        int live = 0;
        for (Environment env : environments) {
            if (env.provisionedLocked() && env.stateLocked().isLive()) {
                live++;
            }
        }
        for (int i = live; i < provisionedTarget; i++) {
            Environment env = newEnvironmentLocked(true);
            if (env == null) {
                break;
            }
            started.add(env);
        }
        return started;
    }

    /** Provisioned concurrency as {@code GetProvisionedConcurrencyConfig} reports it. */
    public record ProvisionedState(int requested, int allocated, int ready, String failure) {
    }

    public ProvisionedState provisionedState() {
        return locked(() -> {
            int allocated = 0;
            int ready = 0;
            for (Environment env : environments) {
                if (env.provisionedLocked() && env.stateLocked().isLive()) {
                    allocated++;
                    if (env.stateLocked() != EnvironmentState.STARTING) {
                        ready++;
                    }
                }
            }
            return new ProvisionedState(provisionedTarget, allocated, ready, provisioningFailure);
        });
    }

    /**
     * This pool's version is replaced (a new {@code $LATEST}): it starts no environment any more,
     * idle ones stop now, and busy ones once they have settled and nothing waits for them, so
     * in-flight invocations finish on the code they started with.
     */
    public void drain() {
        List<Environment> idle = new ArrayList<>();
        lock.lock();
        try {
            draining = true;
            provisionedTarget = 0;
            for (Environment env : environments) {
                if (env.stateLocked() == EnvironmentState.IDLE && !env.hasInFlightLocked() && waiting.isEmpty()) {
                    idle.add(env);
                }
            }
        } finally {
            lock.unlock();
        }
        idle.forEach(env -> env.stop(Environment.StopReason.RETIRED));
    }

    /** Whether a drained pool has no environment left (its processes may still be exiting). */
    public boolean isEmpty() {
        return locked(environments::isEmpty);
    }

    /** Starting a process takes milliseconds; it never runs on the caller's (selector) thread. */
    private void launch(Environment env) {
        Thread.ofVirtual().name("overtime-launch-" + env.id()).start(() -> launchNow(env));
    }

    private void launchNow(Environment env) {
        RuntimeApiBinder.Binding binding = null;
        try {
            ProcessIsolation.Enclosure enclosure = services.launcher().isolation().enclose(env);
            env.enclosed(enclosure);
            // In a sandbox the port is in the environment's own network, where its processes will run.
            binding = services.runtimeApi().bind(env, enclosure::openServerSocket);
            if (env.stoppedWhileLaunching()) {
                throw new LaunchException("the environment was stopped before it started", SHUTTING_DOWN);
            }
            // External extensions start first and register before the runtime starts, as on AWS.
            services.launcher().launchExtensions(env, binding.address());
            env.extensions().awaitExternalRegistrations(services.settings().initTimeout());
            if (env.stoppedWhileLaunching()) {
                // Its extensions started after the stop: they get what is left of their budget, then are killed.
                env.extensions().awaitExit();
                throw new LaunchException("the environment was stopped before its runtime started", SHUTTING_DOWN);
            }
            Process process = services.launcher().launch(env, binding.address());
            env.attach(process, binding);
            process.onExit().thenAccept(p -> env.exited(p.exitValue()));
            if (env.stoppedWhileLaunching()) {
                // Stopped while the runtime was starting: nothing of it may outlive the stop.
                Environment.killLateRuntime(process);
                return;
            }
            env.extensions().watchExternalExits();
            if (services.echo() != null) {
                services.echo().follow(function.name(), env.log().file(), process.onExit());
            }
            env.startInitTimer(services.timers().schedule(env::initTimedOut,
                    services.settings().initTimeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (LaunchException e) {
            env.attach(null, binding);
            env.launchFailed(e);
        } catch (RuntimeException e) {
            env.attach(null, binding);
            env.launchFailed(new LaunchException(String.valueOf(e.getMessage()),
                    requestId -> FunctionErrors.sandboxFailure(requestId, "could not start the function: " + e)));
        } finally {
            env.launchEnded();
        }
    }

    private static final java.util.function.Function<String, InvocationOutcome.Failure> SHUTTING_DOWN =
            requestId -> FunctionErrors.sandboxFailure(requestId, "the platform is shutting down");

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static int parseCapacity(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
