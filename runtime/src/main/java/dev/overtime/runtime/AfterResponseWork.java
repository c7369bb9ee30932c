package dev.overtime.runtime;

import dev.overtime.lambda.AfterResponse;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The after-response work of one invocation: queued while the handler runs, run in order on a
 * worker thread once the response is out, and waited for by the loop until the invocation's deadline.
 */
final class AfterResponseWork {

    /** By request id, because a handler may pass a wrapper of its {@code Context} on. */
    private static final Map<String, AfterResponseWork> LIVE = new ConcurrentHashMap<>();

    private final InvocationContext context;
    private final long deadlineMs;
    private final RuntimeLogger logger;
    private final ArrayDeque<AfterResponse.Work> queue = new ArrayDeque<>();
    private boolean closed;

    private AfterResponseWork(InvocationContext context, long deadlineMs, RuntimeLogger logger) {
        this.context = context;
        this.deadlineMs = deadlineMs;
        this.logger = logger;
    }

    /** Accepts work for the invocation until {@link #runUntilDeadline} has finished with it. */
    static AfterResponseWork open(InvocationContext context, long deadlineMs, RuntimeLogger logger) {
        AfterResponseWork work = new AfterResponseWork(context, deadlineMs, logger);
        LIVE.put(context.getAwsRequestId(), work);
        return work;
    }

    static AfterResponseWork forRequest(String requestId) {
        AfterResponseWork work = requestId == null ? null : LIVE.get(requestId);
        if (work == null) {
            throw notRunning(requestId);
        }
        return work;
    }

    synchronized void add(AfterResponse.Work work) {
        if (closed) {
            throw notRunning(context.getAwsRequestId());
        }
        queue.add(work);
    }

    /**
     * Closes the invocation to new work if none is queued, so that the loop may ask for the next
     * event at once (pipelined with the response).
     *
     * @return whether there was none
     */
    boolean closeIfNone() {
        boolean none;
        synchronized (this) {
            none = queue.isEmpty();
            closed |= none;
        }
        if (none) {
            LIVE.remove(context.getAwsRequestId(), this);
        }
        return none;
    }

    /** Drops the queued work unrun: the runtime is about to exit. */
    void discard() {
        synchronized (this) {
            queue.clear();
            closed = true;
        }
        LIVE.remove(context.getAwsRequestId(), this);
    }

    /**
     * Runs the queued work, and whatever it schedules, in order; returns once it is all done or the
     * invocation's deadline has passed. Work still running then is abandoned on its daemon thread:
     * the platform ends the environment at the deadline anyway.
     */
    void runUntilDeadline() {
        if (closeIfNone()) {
            return;
        }
        Thread worker = new Thread(this::drain, "overtime-after-response-" + context.getAwsRequestId());
        worker.setDaemon(true);
        worker.start();
        while (worker.isAlive()) {
            long remaining = deadlineMs <= 0 ? 0 : deadlineMs - System.currentTimeMillis();
            if (deadlineMs > 0 && remaining <= 0) {
                discard();
                System.err.println(RuntimeLogger.timestamp(System.currentTimeMillis()) + " " + context.getAwsRequestId()
                        + " Task timed out: after-response work was still running at the function's deadline");
                return;
            }
            try {
                worker.join(remaining);
            } catch (InterruptedException e) {
                // Only the deadline ends the wait.
            }
        }
        LIVE.remove(context.getAwsRequestId(), this);
    }

    private void drain() {
        if (logger.isJson()) {
            logger.setInvocation(context);
        }
        AfterResponse.Work work;
        while ((work = nextOrClose()) != null) {
            try {
                work.run();
            } catch (Throwable t) {
                logFailure(t);
            }
        }
    }

    private synchronized AfterResponse.Work nextOrClose() {
        AfterResponse.Work work = queue.poll();
        if (work == null) {
            closed = true;
        }
        return work;
    }

    /** Lambda's text log style: timestamp, request id, level, message with the stack trace. */
    private void logFailure(Throwable t) {
        String text = ErrorReport.logText("After-response work failed; the response already sent stands",
                t.getClass().getName(), t);
        System.err.println(RuntimeLogger.timestamp(System.currentTimeMillis()) + "\t" + context.getAwsRequestId()
                + "\tERROR\t" + text);
    }

    private static IllegalStateException notRunning(String requestId) {
        return new IllegalStateException("AfterResponse.run: invocation " + requestId + " is not running in this"
                + " runtime. Schedule after-response work from a handler (or from earlier after-response work)"
                + " with the Context of its own invocation, under the Overtime Java runtime.");
    }
}
