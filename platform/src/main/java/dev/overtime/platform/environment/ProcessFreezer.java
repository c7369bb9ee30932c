package dev.overtime.platform.environment;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Stops (SIGSTOP) and continues (SIGCONT) every process of one environment, so that background
 * work is frozen between invocations as on AWS. Its callers hold the pool lock, so a freeze and the
 * thaw after it reach the {@link SignalPipe} in that order.
 *
 * <p>A process started as the leader of its own process group is signalled as the whole group: one
 * {@code kill} reaches all its descendants without listing them ({@link ProcessHandle#descendants()}
 * reads all of /proc, about a millisecond). A process that leads no group is signalled with the
 * descendants it has when frozen. Extension processes are added with {@link #add}.
 */
final class ProcessFreezer {

    private final SignalPipe signals;
    private final List<Root> roots = new ArrayList<>();
    // Guarded by the pool lock.
    private int[] frozenTargets;
    private SignalPipe.PendingStop pendingStop;

    private record Root(ProcessHandle process, boolean leadsGroup) {
    }

    ProcessFreezer(SignalPipe signals) {
        this.signals = signals;
    }

    /** A process of the environment; {@code leadsGroup} if it was started as its own process group leader. */
    synchronized void add(ProcessHandle process, boolean leadsGroup) {
        roots.add(new Root(process, leadsGroup));
    }

    /** Stops every process of the environment, unless already stopped. */
    void freeze() {
        if (frozenTargets == null) {
            frozenTargets = targets();
            pendingStop = signals.stop(frozenTargets);
        }
    }

    /** Continues what {@link #freeze()} stopped; does nothing if nothing is stopped. */
    void thaw() {
        if (frozenTargets != null) {
            if (!pendingStop.cancel()) {
                signals.resume(frozenTargets);
            }
            frozenTargets = null;
            pendingStop = null;
        }
    }

    boolean frozen() {
        return frozenTargets != null;
    }

    private synchronized int[] targets() {
        List<Integer> targets = new ArrayList<>();
        for (Root root : roots) {
            if (root.leadsGroup()) {
                targets.add((int) -root.process().pid());
            } else {
                Stream.concat(Stream.of(root.process()), root.process().descendants())
                        .forEach(p -> targets.add((int) p.pid()));
            }
        }
        return targets.stream().mapToInt(Integer::intValue).toArray();
    }
}
