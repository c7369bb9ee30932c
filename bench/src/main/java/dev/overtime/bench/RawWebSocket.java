package dev.overtime.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The benchmarks' WebSocket client, as {@link KeepAliveClient} is their HTTP client: RFC 6455 on one
 * non-blocking channel, with as little work per frame as a client can do, so the figures measure the
 * server. Text frames out (masked, as a client must), text messages in (fragmented ones reassembled); pings
 * get their pong, and a close frame ends the connection. No extension is offered, so frames arrive uncompressed.
 * <p>
 * One thread at a time reads a connection: either {@link #awaitText} (blocking with a timeout, on a
 * selector of its own) or {@link #readAvailable} from a caller's selector ({@link #channel()}).
 */
final class RawWebSocket implements AutoCloseable {

    /** A text frame's payload, UTF-8 decoded. */
    interface TextFrames {
        void text(String text);
    }

    private final SocketChannel channel;
    private ByteBuffer in = ByteBuffer.allocate(64 * 1024).flip();
    private Selector own;
    /** The frames so far of a text message the server fragmented, or null. */
    private java.io.ByteArrayOutputStream fragments;
    private boolean closed;

    private RawWebSocket(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects and completes the handshake offering {@code subprotocols}; fails unless the server answers 101. */
    static RawWebSocket connect(int port, String path, String... subprotocols) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(new InetSocketAddress("127.0.0.1", port));
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + (subprotocols.length > 0 ? "Sec-WebSocket-Protocol: " + String.join(", ", subprotocols) + "\r\n"
                    : "") + "\r\n";
            writeFully(channel, ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
            RawWebSocket socket = new RawWebSocket(channel);
            String head = socket.readHead();
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IOException("the WebSocket handshake on " + path + " was answered " + head.lines().findFirst()
                        .orElse(head));
            }
            channel.configureBlocking(false);
            return socket;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    SocketChannel channel() {
        return channel;
    }

    /** Sends one text message as one masked frame. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        send(0x1, payload);
    }

    /** The next text message; fails after {@code timeoutMillis} without one or when the server closes. */
    String awaitText(long timeoutMillis) throws IOException {
        String[] found = new String[1];
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            if (parse(text -> found[0] = text, 1) > 0) {
                return found[0];
            }
            if (closed) {
                throw new IOException("the server closed the WebSocket");
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new IOException("no WebSocket message within " + timeoutMillis + " ms");
            }
            if (own == null) {
                own = Selector.open();
                channel.register(own, SelectionKey.OP_READ);
            }
            if (own.select(left) > 0) {
                own.selectedKeys().clear();
                fill();
            }
        }
    }

    /**
     * Reads what the socket holds now and hands every complete text frame to {@code frames}; returns how
     * many it handed, or -1 once the connection is closed.
     */
    int readAvailable(TextFrames frames) throws IOException {
        if (!fill()) {
            closed = true;
        }
        int n = parse(frames, Integer.MAX_VALUE);
        return closed && n == 0 ? -1 : n;
    }

    /** Reads once into the buffer; false at end of stream. */
    private boolean fill() throws IOException {
        in.compact();
        if (!in.hasRemaining()) {
            in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
        }
        int n;
        try {
            n = channel.read(in);
        } finally {
            in.flip();
        }
        return n >= 0;
    }

    /** Hands up to {@code max} complete text frames in the buffer to {@code frames}. */
    private int parse(TextFrames frames, int max) throws IOException {
        int handed = 0;
        while (handed < max && in.remaining() >= 2) {
            int at = in.position();
            int b0 = in.get(at) & 0xFF;
            int b1 = in.get(at + 1) & 0xFF;
            long length = b1 & 0x7F;
            int header = 2;
            if (length == 126) {
                if (in.remaining() < 4) {
                    break;
                }
                length = in.getShort(at + 2) & 0xFFFF;
                header = 4;
            } else if (length == 127) {
                if (in.remaining() < 10) {
                    break;
                }
                length = in.getLong(at + 2);
                header = 10;
            }
            if ((b1 & 0x80) != 0) {
                throw new IOException("the server masked a frame");
            }
            if (header + length > in.capacity()) {
                in = ByteBuffer.allocate((int) (header + length) * 2).put(in).flip();
                continue;
            }
            if (in.remaining() < header + length) {
                break;
            }
            int opcode = b0 & 0x0F;
            boolean fin = (b0 & 0x80) != 0;
            int start = at + header;
            int size = (int) length;
            in.position(start + size);
            switch (opcode) {
                case 0x1 -> {
                    if (fin) {
                        frames.text(new String(in.array(), in.arrayOffset() + start, size, StandardCharsets.UTF_8));
                        handed++;
                    } else {
                        fragments = new java.io.ByteArrayOutputStream();
                        fragments.write(in.array(), in.arrayOffset() + start, size);
                    }
                }
                case 0x0 -> {
                    if (fragments == null) {
                        throw new IOException("a continuation frame without a message to continue");
                    }
                    fragments.write(in.array(), in.arrayOffset() + start, size);
                    if (fin) {
                        frames.text(fragments.toString(StandardCharsets.UTF_8));
                        fragments = null;
                        handed++;
                    }
                }
                case 0x8 -> closed = true;
                case 0x9 -> {
                    byte[] ping = new byte[size];
                    in.get(start, ping);
                    send(0xA, ping);
                }
                default -> {
                    // A pong or a binary frame: nothing the benchmarks expect or count.
                }
            }
        }
        return handed;
    }

    private void send(int opcode, byte[] payload) throws IOException {
        int length = payload.length;
        int header = length < 126 ? 2 : length < 65536 ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(header + 4 + length);
        frame.put((byte) (0x80 | opcode));
        if (length < 126) {
            frame.put((byte) (0x80 | length));
        } else if (length < 65536) {
            frame.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(length);
        }
        int mask = ThreadLocalRandom.current().nextInt();
        frame.putInt(mask);
        byte[] key = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
        for (int i = 0; i < length; i++) {
            frame.put((byte) (payload[i] ^ key[i & 3]));
        }
        writeFully(channel, frame.flip());
    }

    /** Writes the whole buffer, waiting for the socket where it is non-blocking and full. */
    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                Thread.onSpinWait();
                Thread.yield();
            }
        }
    }

    /** Reads the handshake's answer up to its blank line; what follows stays in the buffer. */
    private String readHead() throws IOException {
        while (true) {
            for (int i = in.position(); i + 3 < in.limit(); i++) {
                if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                    String head = new String(in.array(), in.arrayOffset() + in.position(), i - in.position(),
                            StandardCharsets.ISO_8859_1);
                    in.position(i + 4);
                    return head;
                }
            }
            if (!fill()) {
                throw new IOException("the server closed the connection during the WebSocket handshake");
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (!closed && channel.isOpen()) {
                send(0x8, new byte[]{0x03, (byte) 0xE8});
            }
        } catch (IOException e) {
            // Closing a connection the server already dropped.
        } finally {
            if (own != null) {
                own.close();
            }
            channel.close();
        }
    }
}
