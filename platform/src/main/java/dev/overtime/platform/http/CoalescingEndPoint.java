package dev.overtime.platform.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritePendingException;

/**
 * A socket end point that can keep one answer back and send it in front of the connection's next
 * write, so that the peer wakes once for both.
 *
 * <p>Why: a runtime that pipelines {@code POST /response} with its next {@code GET /next} waits
 * for the event, not for the 202. Sent alone, the 202 wakes the runtime's thread only for it to
 * block again: one wake-up of another process per invoke, which on a VM costs a hypervisor exit.
 * Held, it leaves with the event.
 *
 * <p>A held answer never waits for anything the peer has not already sent: it goes out with the
 * next write on the connection, or as soon as the connection waits for input, since a peer that did
 * not pipeline is then waiting for exactly this answer.
 */
public final class CoalescingEndPoint extends SocketChannelEndPoint {

    private static final ByteBuffer[] NOTHING = {};

    /** Set on the thread writing the answer to hold, just before it writes. */
    private volatile boolean holdNextFlush;
    /**
     * The held bytes. Set and sent inside {@link #flush}, which Jetty's write flusher serializes;
     * otherwise only sent as the connection ends.
     */
    private volatile ByteBuffer held;
    /** Which selector {@link CoalescingConnector} put this connection on, until its end is counted. */
    volatile CoalescingConnector.Placement placement;

    public CoalescingEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler) {
        super(channel, selector, key, scheduler);
    }

    /**
     * Holds back the next answer written for {@code request}, if its connection can: the call must
     * come just before that answer is written, on the thread that writes it. False if nothing is
     * held (another kind of connection, or one that closes after this answer).
     */
    public static boolean holdNextAnswer(Request request) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (!(endPoint instanceof CoalescingEndPoint coalescing) || !request.getConnectionMetaData().isPersistent()
                || request.getHeaders().contains(HttpHeader.CONNECTION, "close")) {
            return false;
        }
        coalescing.holdNextFlush = true;
        return true;
    }

    @Override
    public boolean flush(ByteBuffer... buffers) throws IOException {
        if (holdNextFlush) {
            holdNextFlush = false;
            held = copyOut(held, buffers);
            return true;
        }
        ByteBuffer pending = held;
        if (pending == null) {
            return super.flush(buffers);
        }
        ByteBuffer[] all = new ByteBuffer[buffers.length + 1];
        all[0] = pending;
        System.arraycopy(buffers, 0, all, 1, buffers.length);
        boolean flushed = super.flush(all);
        if (!pending.hasRemaining()) {
            held = null;
        }
        return flushed;
    }

    /** Jetty reuses its buffers once a flush returns, so the held bytes are copied and the buffers drained. */
    private static ByteBuffer copyOut(ByteBuffer already, ByteBuffer[] buffers) {
        int size = already == null ? 0 : already.remaining();
        for (ByteBuffer buffer : buffers) {
            size += buffer.remaining();
        }
        ByteBuffer copy = ByteBuffer.allocate(size);
        if (already != null) {
            copy.put(already);
        }
        for (ByteBuffer buffer : buffers) {
            copy.put(buffer);
        }
        return copy.flip();
    }

    @Override
    public void fillInterested(Callback callback) {
        sendHeld();
        super.fillInterested(callback);
    }

    @Override
    public boolean tryFillInterested(Callback callback) {
        sendHeld();
        return super.tryFillInterested(callback);
    }

    @Override
    protected void doShutdownOutput() {
        sendHeldBeforeEnd();
        super.doShutdownOutput();
    }

    @Override
    public void doClose() {
        // Jetty closes instead of shutting output down when the peer already stopped sending.
        sendHeldBeforeEnd();
        super.doClose();
    }

    /** Best effort, as any write before a shutdown: the peer is going away or being told to. */
    private void sendHeldBeforeEnd() {
        ByteBuffer pending = held;
        if (pending == null) {
            return;
        }
        held = null;
        try {
            super.flush(pending);
        } catch (IOException ignored) {
            // The shutdown or close that follows reports the broken connection.
        }
    }

    /** The connection is about to wait for input: the peer may be waiting for the held answer. */
    private void sendHeld() {
        if (held == null) {
            return;
        }
        try {
            write(Callback.from(() -> { }, this::close), NOTHING);
        } catch (WritePendingException carried) {
            // The write in progress carries the held bytes: every flush sends them first.
        }
    }
}
