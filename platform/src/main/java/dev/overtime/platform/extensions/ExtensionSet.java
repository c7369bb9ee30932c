package dev.overtime.platform.extensions;

import dev.overtime.platform.invocation.Invocation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The extensions of one environment and the gate they put on the runtime's {@code /next}.
 *
 * <p>AWS's freeze rule: init ends, and an invocation settles, only once the runtime <em>and</em>
 * every extension have asked for their next event. So the runtime's {@code /next} is held here
 * ({@link #whenAllWaiting}) until every registered extension is parked; the environment's pool
 * sees it only then, which is what delays the settlement, the REPORT and the next dispatch.
 */
public final class ExtensionSet {

    public static final int MAX_EXTENSIONS = 10;

    private final Runnable onExternalExit;

    // Guarded by this.
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Set<String> externalNames = new HashSet<>();
    private final List<Process> processes = new ArrayList<>();
    private final List<Runnable> heldRuntimeCalls = new ArrayList<>();
    private boolean registrationClosed;
    private boolean shutDown;
    private long killDeadlineNanos;
    private final CompletableFuture<Void> externalsRegistered = new CompletableFuture<>();
    private final CompletableFuture<Void> shutDownStarted = new CompletableFuture<>();

    private static final class Member {
        final Registration registration;
        Consumer<ExtensionEvent> parked;
        ExtensionEvent pending;

        Member(Registration registration) {
            this.registration = registration;
        }
    }

    /** @param onExternalExit called when an external extension's process ends (AWS resets the environment) */
    public ExtensionSet(Runnable onExternalExit) {
        this.onExternalExit = onExternalExit;
    }

    // ---- external processes ---------------------------------------------------------------------

    /**
     * The external extensions about to start. Called before the first starts: one may register
     * before the others are started, and must already count as external (and not end the wait).
     */
    public synchronized void launching(List<String> names) {
        externalNames.addAll(names);
    }

    /** The external extensions just launched, before the runtime; those that could not start are not waited for. */
    public void launched(List<String> names, List<Process> started) {
        boolean allExternalsIn;
        synchronized (this) {
            externalNames.retainAll(names);
            processes.addAll(started);
            allExternalsIn = registeredExternalsLocked() >= externalNames.size();
        }
        if (allExternalsIn) {
            externalsRegistered.complete(null);
        }
        for (Process p : started) {
            p.onExit().thenRun(() -> externalsRegistered.complete(null));
        }
    }

    /**
     * Blocks (on the launch thread) until every external extension registered, one exited, or the
     * timeout passed: AWS starts the runtime only once its external extensions have registered.
     */
    public void awaitExternalRegistrations(Duration timeout) {
        try {
            externalsRegistered.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception ignored) {
            // the runtime starts anyway; a late extension is refused with RegistrationClosed
        }
    }

    /** From now on an external extension's exit resets the environment. Call once the runtime is attached. */
    public void watchExternalExits() {
        List<Process> watched;
        synchronized (this) {
            watched = List.copyOf(processes);
        }
        watched.forEach(p -> p.onExit().thenRun(onExternalExit));
    }

    /** Every external extension process has ended. */
    public CompletableFuture<Void> allExited() {
        List<Process> all;
        synchronized (this) {
            all = List.copyOf(processes);
        }
        return CompletableFuture.allOf(all.stream().map(Process::onExit).toArray(CompletableFuture[]::new));
    }

    /** Waits for the external processes until the shutdown budget is spent, then kills the survivors. */
    public void awaitExit() {
        awaitExitUntil(killDeadline());
    }

    /** The same, but kills the survivors at {@code deadlineNanos} if that comes before the budget is spent. */
    public void awaitExit(long deadlineNanos) {
        long budgetEnd = killDeadline();
        awaitExitUntil(deadlineNanos - budgetEnd < 0 ? deadlineNanos : budgetEnd);
    }

    private synchronized long killDeadline() {
        return killDeadlineNanos;
    }

    private void awaitExitUntil(long deadline) {
        List<Process> all;
        synchronized (this) {
            all = List.copyOf(processes);
        }
        for (Process p : all) {
            try {
                long wait = deadline - System.nanoTime();
                if (wait <= 0 || !p.waitFor(wait, TimeUnit.NANOSECONDS)) {
                    kill(p);
                    p.waitFor(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                kill(p);
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- the API --------------------------------------------------------------------------------

    public Registration register(String name, Set<EventType> events) throws ExtensionApiException {
        boolean allExternalsIn;
        Registration registration;
        synchronized (this) {
            if (registrationClosed) {
                throw new ExtensionApiException(403, "Extension.RegistrationClosed",
                        "Extensions may only register during init; the runtime has already asked for an event");
            }
            if (members.size() >= MAX_EXTENSIONS) {
                throw new ExtensionApiException(403, "Extension.TooManyExtensions",
                        "An environment allows at most " + MAX_EXTENSIONS + " extensions");
            }
            boolean external = externalNames.contains(name);
            if (!external && events.contains(EventType.SHUTDOWN)) {
                throw new ExtensionApiException(403, "Extension.InvalidEventType",
                        "Internal extensions cannot register for SHUTDOWN: " + name);
            }
            registration = new Registration(UUID.randomUUID().toString(), name, Set.copyOf(events), external);
            members.put(registration.id(), new Member(registration));
            allExternalsIn = registeredExternalsLocked() >= externalNames.size();
        }
        if (allExternalsIn) {
            externalsRegistered.complete(null);
        }
        return registration;
    }

    /** True if {@code id} is registered here. */
    public synchronized boolean knows(String id) {
        return members.containsKey(id);
    }

    /**
     * An extension asks for its next event: a pending one is written at once, otherwise it parks.
     * When it is the last to park, the runtime's held {@code /next} calls go on.
     */
    public void next(String id, Consumer<ExtensionEvent> writer) throws ExtensionApiException {
        ExtensionEvent now;
        List<Runnable> released = List.of();
        synchronized (this) {
            Member m = members.get(id);
            if (m == null) {
                throw new ExtensionApiException(403, "Extension.Forbidden", "Unknown extension identifier " + id);
            }
            if (m.parked != null) {
                throw new ExtensionApiException(403, "Extension.InvalidExtensionState",
                        "Extension " + m.registration.name() + " is already waiting for an event");
            }
            now = m.pending;
            m.pending = null;
            if (now == null) {
                m.parked = writer;
                if (allParkedLocked() && !heldRuntimeCalls.isEmpty()) {
                    released = new ArrayList<>(heldRuntimeCalls);
                    heldRuntimeCalls.clear();
                }
            }
        }
        if (now != null) {
            writer.accept(now);
        }
        released.forEach(Runnable::run);
    }

    /**
     * The runtime asked for its next event: {@code proceed} runs now if every extension is parked,
     * otherwise when the last one parks. The runtime's first {@code /next} also closes registration.
     */
    public void whenAllWaiting(Runnable proceed) {
        synchronized (this) {
            registrationClosed = true;
            if (!allParkedLocked() && !shutDown) {
                heldRuntimeCalls.add(proceed);
                return;
            }
        }
        proceed.run();
    }

    /** An invocation was dispatched: every extension registered for INVOKE gets the event. */
    public void invoke(Invocation invocation) {
        ExtensionEvent event = new ExtensionEvent.Invoke(invocation.requestId(), invocation.deadlineEpochMillis(),
                invocation.request().invokedArn(), invocation.request().traceId());
        deliver(EventType.INVOKE, event);
    }

    /** Completes when the environment starts shutting down, for what the platform runs in its place (a hosted adapter). */
    public CompletableFuture<Void> whenShutDown() {
        return shutDownStarted;
    }

    /**
     * Sends SHUTDOWN to the extensions registered for it (once) and schedules the kill of the
     * external processes when AWS's budget is spent. Returns that budget in milliseconds.
     */

    public long shutdown(String reason, ScheduledExecutorService timers) {
        long budget;
        synchronized (this) {
            if (shutDown) {
                return Math.max(0, TimeUnit.NANOSECONDS.toMillis(killDeadlineNanos - System.nanoTime()));
            }
            shutDown = true;
            budget = ShutdownBudget.millis(!members.isEmpty(), !externalNames.isEmpty());
            killDeadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budget);
        }
        deliver(EventType.SHUTDOWN, new ExtensionEvent.Shutdown(reason, System.currentTimeMillis() + budget));
        shutDownStarted.complete(null);
        // A launch waiting for registrations need not: no runtime starts after a shutdown.
        externalsRegistered.complete(null);
        List<Process> all;
        synchronized (this) {
            all = List.copyOf(processes);
        }
        if (!all.isEmpty()) {
            timers.schedule(() -> all.forEach(ExtensionSet::kill), budget, TimeUnit.MILLISECONDS);
        }
        return budget;
    }

    private void deliver(EventType type, ExtensionEvent event) {
        List<Consumer<ExtensionEvent>> writers = new ArrayList<>();
        synchronized (this) {
            for (Member m : members.values()) {
                if (!m.registration.wants(type)) {
                    continue;
                }
                if (m.parked != null) {
                    writers.add(m.parked);
                    m.parked = null;
                } else {
                    m.pending = event;
                }
            }
        }
        writers.forEach(w -> w.accept(event));
    }

    private long registeredExternalsLocked() {
        return members.values().stream().filter(m -> m.registration.external()).count();
    }

    private boolean allParkedLocked() {
        for (Member m : members.values()) {
            if (m.parked == null) {
                return false;
            }
        }
        return true;
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }
}
