package dev.overtime.platform.async;

import java.util.Set;

/**
 * Where an accepted asynchronous event is. Every state is stored, so a restarted platform knows it.
 *
 * <pre>
 *   QUEUED ──claim──▶ IN_FLIGHT ──success──▶ (deleted, OnSuccess record queued)
 *      ▲                 │ function error, retries left  ──▶ RETRYING ──due──▶ IN_FLIGHT
 *      │                 │ throttled                     ──▶ RETRYING (backoff, no attempt counted)
 *      │                 │ retries or age exhausted      ──▶ DEAD (OnFailure record queued)
 *      │                 └ platform died mid-attempt     ──▶ QUEUED again at restart
 *      └──────── redrive ◀── DEAD
 * </pre>
 */
public enum EventState {
    QUEUED,
    IN_FLIGHT,
    RETRYING,
    DEAD;

    /** States whose events are waiting for their next attempt. */
    public static final Set<EventState> PENDING = Set.of(QUEUED, RETRYING);

    /** The lower-case, dash-separated name the API and CLI use, e.g. {@code in-flight}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static EventState ofLabel(String label) {
        for (EventState state : values()) {
            if (state.label().equals(label) || state.name().equals(label)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown event state '" + label
                + "' (expected queued, in-flight, retrying or dead)");
    }
}
