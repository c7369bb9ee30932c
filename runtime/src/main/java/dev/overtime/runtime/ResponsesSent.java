package dev.overtime.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which invocations have had their response sent and their handler return, so that internal
 * extensions, which get INVOKE as soon as the invocation starts, can wait for that. Recorded only
 * while an extension watches, so that a function without one keeps its pipelined {@code /next}.
 */
final class ResponsesSent {

    /** More than any number of invocations an extension can be behind. */
    private static final int REMEMBERED = 256;
    private static final Object LOCK = new Object();
    // Guarded by LOCK.
    private static int watchers;
    private static final Map<String, Boolean> SENT = new LinkedHashMap<String, Boolean>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    private ResponsesSent() {
    }

    static boolean watched() {
        synchronized (LOCK) {
            return watchers > 0;
        }
    }

    static void watch() {
        synchronized (LOCK) {
            watchers++;
        }
    }

    static void unwatch() {
        synchronized (LOCK) {
            if (--watchers == 0) {
                SENT.clear();
            }
        }
    }

    static void mark(String requestId) {
        synchronized (LOCK) {
            if (watchers > 0) {
                SENT.put(requestId, Boolean.TRUE);
                LOCK.notifyAll();
            }
        }
    }

    /** Waits until {@code requestId} is marked or its deadline passes; returns whether it was marked. */
    static boolean await(String requestId, long deadlineMs) throws InterruptedException {
        synchronized (LOCK) {
            while (!SENT.containsKey(requestId)) {
                long wait = deadlineMs - System.currentTimeMillis();
                if (wait <= 0) {
                    return false;
                }
                LOCK.wait(wait);
            }
            return true;
        }
    }
}
