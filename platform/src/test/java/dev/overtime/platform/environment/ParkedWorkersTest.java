package dev.overtime.platform.environment;

import org.junit.jupiter.api.Test;

import java.util.concurrent.Executor;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class ParkedWorkersTest {

    private final Executor selectorA = new SelectorStandIn();
    private final Executor selectorB = new SelectorStandIn();
    private final ParkedWorkers parked = new ParkedWorkers();

    @Test
    void aWorkerOnTheCallersOwnSelectorIsTakenBeforeMoreRecentOnes() {
        Worker onB = parkOn(selectorB);
        Worker firstOnA = parkOn(selectorA);
        Worker secondOnA = parkOn(selectorA);

        assertSame(onB, parked.take(selectorB));
        assertSame(secondOnA, parked.take(selectorA), "the most recently parked of the caller's selector");
        assertSame(firstOnA, parked.take(selectorA));
        assertNull(parked.take(selectorA));
    }

    @Test
    void withoutAWorkerOnTheCallersSelectorTheMostRecentlyParkedIsTaken() {
        Worker older = parkOn(selectorA);
        Worker newer = parkOn(selectorA);

        assertSame(newer, parked.take(selectorB));
        assertSame(older, parked.take(null));
        assertNull(parked.take(null));
    }

    @Test
    void removedWorkersAreNeverTaken() {
        Worker kept = parkOn(selectorA);
        Worker removed = parkOn(selectorB);

        parked.removeIf(w -> w == removed);

        assertSame(kept, parked.take(selectorB));
        assertNull(parked.take(selectorB));
    }

    /** Only its identity matters: the pool compares homes, it never runs them. */
    private static final class SelectorStandIn implements Executor {
        @Override
        public void execute(Runnable command) {
            command.run();
        }
    }

    private Worker parkOn(Executor home) {
        Worker worker = new Worker(null, home, invocation -> {
        });
        parked.park(worker);
        return worker;
    }
}
