package dev.overtime.platform.invocation;

/**
 * How an invocation ended for the environment.
 *
 * @param durationMillis time from dispatch to settle, as the REPORT line's Duration
 * @param logTail        the invocation's log (START to REPORT), at most its last 4 KB; empty unless tail was asked
 */
public record Settlement(double durationMillis, byte[] logTail) {
    public static final Settlement NONE = new Settlement(0, new byte[0]);
}
