package dev.overtime.platform.appsync.realtime;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connection's outgoing text frames, in the order {@link #send} is called, with a bound on what waits for
 * a slow client. Sending never blocks: Jetty queues the frame and writes it when the socket accepts it.
 * A client that lets more than {@code maxQueuedChars} pile up is disconnected (close 1008 first, so a
 * client that catches up reads why) instead of growing the server's memory.
 */
final class Outbound {

    static final int POLICY_VIOLATION = 1008;

    private final Session session;
    private final long maxQueuedChars;
    private final Executor executor;
    private final AtomicLong queued = new AtomicLong();
    private volatile boolean shut;

    Outbound(Session session, long maxQueuedChars, Executor executor) {
        this.session = session;
        this.maxQueuedChars = maxQueuedChars;
        this.executor = executor;
    }

    void send(String text) {
        if (shut) {
            return;
        }
        long size = text.length();
        if (queued.addAndGet(size) > maxQueuedChars) {
            queued.addAndGet(-size);
            overflow();
            return;
        }
        // Jetty keeps frames in the order sendText is called; the lock makes "called" well defined
        // when several subscriptions' threads send at once.
        synchronized (this) {
            session.sendText(text, Callback.from(() -> queued.addAndGet(-size), failure -> {
                queued.addAndGet(-size);
                shut = true;
            }));
        }
    }

    /** Sends a close frame; nothing is sent after it. */
    void close(int code, String reason) {
        if (shut) {
            return;
        }
        shut = true;
        synchronized (this) {
            session.close(code, reason, Callback.NOOP);
        }
    }

    /** The characters sent but not yet written to the socket. */
    long queuedChars() {
        return queued.get();
    }

    private void overflow() {
        if (shut) {
            return;
        }
        shut = true;
        // Off this thread: closing may call back into the connection (which stops subscriptions), and the
        // caller may be a subscription's sink holding its own lock.
        executor.execute(() -> {
            session.close(POLICY_VIOLATION, "client too slow: more than " + maxQueuedChars
                    + " characters waiting to be sent", Callback.NOOP);
            // The close frame waits behind everything queued, which this client is not reading.
            session.disconnect();
        });
    }
}
