package dev.overtime.platform.environment;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of one execution environment (one function process tree).
 *
 * <pre>
 * STARTING --first /next--> IDLE <--settle-- BUSY
 *                            |---dispatch--->|
 * any live state --retire/timeout/shutdown--> STOPPING --process exit--> DEAD
 * any state --process exit--> DEAD
 * </pre>
 */
public enum EnvironmentState {
    /** The process is launched and initializing; no worker has asked for an event yet. */
    STARTING,
    /** Initialized, with no invocation in flight. */
    IDLE,
    /** At least one invocation is dispatched and not yet settled. */
    BUSY,
    /** Being shut down; takes no new invocation. */
    STOPPING,
    /** The process has exited. Terminal. */
    DEAD;

    public Set<EnvironmentState> successors() {
        return switch (this) {
            case STARTING -> EnumSet.of(IDLE, STOPPING, DEAD);
            case IDLE -> EnumSet.of(BUSY, STOPPING, DEAD);
            case BUSY -> EnumSet.of(IDLE, STOPPING, DEAD);
            case STOPPING -> EnumSet.of(DEAD);
            case DEAD -> EnumSet.noneOf(EnvironmentState.class);
        };
    }

    public boolean canMoveTo(EnvironmentState next) {
        return this == next || successors().contains(next);
    }

    public boolean isLive() {
        return this == STARTING || this == IDLE || this == BUSY;
    }
}
