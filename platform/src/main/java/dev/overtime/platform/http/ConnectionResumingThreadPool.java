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
 */
public class ConnectionResumingThreadPool extends QueuedThreadPool {

    public ConnectionResumingThreadPool(int maxThreads, int minThreads) {
        super(maxThreads, minThreads);
    }

    @Override
    public void execute(Runnable job) {
        if (job instanceof Connection && SelectorThreads.draining()) {
            job.run();
            return;
        }
        dispatch(job);
    }

    /** Hands {@code job} to a pool thread. */
    protected void dispatch(Runnable job) {
        super.execute(job);
    }
}
