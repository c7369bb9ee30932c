package dev.overtime.platform.appsync.realtime;

/**
 * Where a WebSocket connection is in either dialect's lifecycle.
 *
 * <pre>
 *  AWAITING_INIT --connection_init accepted--> ACKNOWLEDGED --close--> CLOSED
 *        \------------------refused, timeout or close-------------------/
 * </pre>
 */
enum ConnectionPhase {
    AWAITING_INIT, ACKNOWLEDGED, CLOSED;

    /** The phase after {@code connection_init} is accepted; only from {@link #AWAITING_INIT}. */
    ConnectionPhase acknowledge() {
        if (this != AWAITING_INIT) {
            throw new IllegalStateException("cannot acknowledge a connection in phase " + this);
        }
        return ACKNOWLEDGED;
    }
}
