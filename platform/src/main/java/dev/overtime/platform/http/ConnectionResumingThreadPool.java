package dev.overtime.platform.http;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty's thread pool, except that a connection resumed from a selector thread's queued tasks is
 * run right there.
 *
 * <p>Why: when a response finishes outside the request's own handling call, Jetty hands the
 * connection to the pool to look for the next request. That costs a pool thread's wake-up per
 * response, and that thread's read finds nothing and re-arms the selector, a second wake-up. On the
 * connection's own selector thread the same read and re-arm cost neither. Every Overtime handler is
 * non-blocking, so the connection may run on a selector thread.
 *
 * <p>A thread that writes whole answers itself, such as a hosted web adapter's loop, may ask for the
 * same ({@link #resumeConnectionsOnThisThread()}): the connection it answered is then resumed by the
 * thread that finished the answer, which saves a pool thread's wake-up per response.
 */
public class ConnectionResumingThreadPool extends QueuedThreadPool {

    private static final ThreadLocal<Boolean> RESUMES_HERE = ThreadLocal.withInitial(() -> false);

    public ConnectionResumingThreadPool(int maxThreads, int minThreads) {
        super(maxThreads, minThreads);
    }

    @Override
    public void execute(Runnable job) {
        if (job instanceof Connection && (SelectorThreads.draining() || RESUMES_HERE.get())) {
            job.run();
            return;
        }
        dispatch(job);
    }

    /**
     * From now on, a connection whose answer the current thread finishes is resumed on this thread.
     * Only for threads that may spend the few microseconds of a read that finds nothing, and, when
     * the next request is already there, of its (non-blocking) handling.
     */
    public static void resumeConnectionsOnThisThread() {
        RESUMES_HERE.set(true);
    }

    /** Hands {@code job} to a pool thread. */
    protected void dispatch(Runnable job) {
        super.execute(job);
    }
}
