package dev.overtime.platform.environment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Echoes every environment's log file to the console, prefixed with the function name, the way
 * {@code sam local} shows function output. One thread follows all files; it polls, because the
 * files are written by the function processes themselves.
 */
public final class LogEcho implements AutoCloseable {

    private final PrintStream out;
    private final ConcurrentLinkedQueue<Followed> files = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    private static final class Followed {
        final byte[] prefix;
        final Path file;
        final CompletableFuture<?> ended;
        long offset;
        /** The bytes of a line not yet ended: kept as bytes, so a character split across two reads survives. */
        byte[] partial = new byte[0];

        Followed(byte[] prefix, Path file, CompletableFuture<?> ended) {
            this.prefix = prefix;
            this.file = file;
            this.ended = ended;
        }
    }

    public LogEcho(PrintStream out) {
        this.out = out;
        this.thread = Thread.ofVirtual().name("overtime-log-echo").start(this::run);
    }

    /** Follows {@code file} until {@code ended} completes (the process exited) and the rest is printed. */
    public void follow(String functionName, Path file, CompletableFuture<?> ended) {
        files.add(new Followed(("[" + functionName + "] ").getBytes(StandardCharsets.UTF_8), file, ended));
    }

    private void run() {
        // One write per pass, not one per line: a busy function logs thousands of lines a second,
        // and a console flushes (one system call) at every println. The lines stay bytes: function
        // output is UTF-8 (LANG=en_US.UTF-8), so decoding and encoding it again would only cost.
        ByteArrayOutputStream batch = new ByteArrayOutputStream(64 * 1024);
        while (running) {
            for (Iterator<Followed> it = files.iterator(); it.hasNext(); ) {
                Followed f = it.next();
                boolean done = f.ended.isDone();
                readNew(f, batch);
                if (done) {
                    if (f.partial.length > 0) {
                        appendLine(batch, f.prefix, f.partial, 0, f.partial.length);
                    }
                    it.remove();
                }
            }
            if (batch.size() > 0) {
                try {
                    batch.writeTo(out);
                } catch (IOException e) {
                    // A PrintStream reports its errors through checkError, not by throwing.
                }
                out.flush();
                batch.reset();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void readNew(Followed f, ByteArrayOutputStream batch) {
        try (RandomAccessFile raf = new RandomAccessFile(f.file.toFile(), "r")) {
            long length = raf.length();
            if (length <= f.offset) {
                return;
            }
            int held = f.partial.length;
            byte[] bytes = java.util.Arrays.copyOf(f.partial, held + (int) Math.min(length - f.offset, 1 << 20));
            raf.seek(f.offset);
            raf.readFully(bytes, held, bytes.length - held);
            f.offset += bytes.length - held;
            // A newline byte never occurs inside a UTF-8 character, so lines can be cut before decoding.
            int start = 0;
            for (int i = held; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    appendLine(batch, f.prefix, bytes, start, i);
                    start = i + 1;
                }
            }
            f.partial = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
        } catch (IOException e) {
            // The file may be gone with a cleaned data folder; nothing to echo then.
        }
    }

    private static final byte[] LINE_END = System.lineSeparator().getBytes(StandardCharsets.US_ASCII);

    private static void appendLine(ByteArrayOutputStream batch, byte[] prefix, byte[] bytes, int from, int to) {
        batch.write(prefix, 0, prefix.length);
        batch.write(bytes, from, to - from);
        batch.write(LINE_END, 0, LINE_END.length);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
