package dev.overtime.platform.environment;

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
        final String prefix;
        final Path file;
        final CompletableFuture<?> ended;
        long offset;
        final StringBuilder partial = new StringBuilder();

        Followed(String prefix, Path file, CompletableFuture<?> ended) {
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
        files.add(new Followed("[" + functionName + "] ", file, ended));
    }

    private void run() {
        while (running) {
            for (Iterator<Followed> it = files.iterator(); it.hasNext(); ) {
                Followed f = it.next();
                boolean done = f.ended.isDone();
                readNew(f);
                if (done) {
                    if (!f.partial.isEmpty()) {
                        out.println(f.prefix + f.partial);
                    }
                    it.remove();
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void readNew(Followed f) {
        try (RandomAccessFile raf = new RandomAccessFile(f.file.toFile(), "r")) {
            long length = raf.length();
            if (length <= f.offset) {
                return;
            }
            byte[] bytes = new byte[(int) Math.min(length - f.offset, 1 << 20)];
            raf.seek(f.offset);
            raf.readFully(bytes);
            f.offset += bytes.length;
            f.partial.append(new String(bytes, StandardCharsets.UTF_8));
            int newline;
            while ((newline = f.partial.indexOf("\n")) >= 0) {
                out.println(f.prefix + f.partial.substring(0, newline));
                f.partial.delete(0, newline + 1);
            }
        } catch (IOException e) {
            // The file may be gone with a cleaned data folder; nothing to echo then.
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
