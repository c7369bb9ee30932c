package dev.overtime.platform.environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The log stream of one environment, a file the function process appends its stdout and stderr to
 * directly (the platform opens it for the process), and that the platform appends START, END and
 * REPORT lines to. Both sides append with {@code O_APPEND}, so the order in the file is the order
 * in time: whatever the function printed before posting its response precedes the END line.
 */
public final class EnvironmentLog implements AutoCloseable {

    /** Lambda returns at most the last 4 KB of an invocation's log with {@code X-Amz-Log-Type: Tail}. */
    public static final int TAIL_BYTES = 4096;

    private final Path file;
    private final FileChannel channel;

    private EnvironmentLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    public static EnvironmentLog create(Path file) {
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            return new EnvironmentLog(file, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create log file " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Writes the START line. Returns the file offset where this invocation's log begins if
     * {@code wantOffset} (a caller asked for the log's tail), else -1: finding it costs a system
     * call on every invoke.
     */
    public long start(String requestId, String version, boolean wantOffset) {
        long offset = wantOffset ? size() : -1;
        append("START RequestId: " + requestId + " Version: " + version + "\n");
        return offset;
    }

    public void end(String requestId, InvocationReport report) {
        StringBuilder line = new StringBuilder(256)
                .append("END RequestId: ").append(requestId).append('\n')
                .append("REPORT RequestId: ").append(requestId)
                .append("\tDuration: ").append(twoDecimals(report.durationMillis())).append(" ms")
                .append("\tBilled Duration: ").append(report.billedMillis()).append(" ms")
                .append("\tMemory Size: ").append(report.memorySizeMb()).append(" MB")
                .append("\tMax Memory Used: ").append(report.maxMemoryUsedMb()).append(" MB");
        if (report.initDurationMillis() > 0) {
            line.append("\tInit Duration: ").append(twoDecimals(report.initDurationMillis())).append(" ms");
        }
        append(line.append("\t\n").toString());
    }

    /** A line in the runtime's own format, e.g. Lambda's "Task timed out" notice. */
    public void platformLine(String requestId, String message) {
        append(Instant.now() + " " + requestId + " " + message + "\n");
    }

    /** A line written for the function, e.g. by the web adapter the platform hosts for it. */
    public void line(String text) {
        append(text + "\n");
    }

    /** The log from {@code fromOffset} to now, cut to its last {@code maxBytes} bytes. */
    public byte[] tail(long fromOffset, int maxBytes) {
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = reader.size();
            long start = Math.max(fromOffset, end - maxBytes);
            ByteBuffer buffer = ByteBuffer.allocate((int) (end - start));
            while (buffer.hasRemaining()) {
                if (reader.read(buffer, start + buffer.position()) < 0) {
                    break;
                }
            }
            return buffer.flip().remaining() == buffer.capacity() ? buffer.array()
                    : java.util.Arrays.copyOf(buffer.array(), buffer.remaining());
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            return 0;
        }
    }

    private void append(String text) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException ignored) {
            // A full disk must not fail invocations; the caller still gets its response.
        }
    }

    /**
     * Milliseconds with two decimals, as {@code %.2f} prints them but without a Formatter on every
     * invoke. A value exactly halfway between two hundredths may round down where {@code %.2f} rounds up.
     */
    static String twoDecimals(double value) {
        long hundredths = Math.round(Math.max(0, value) * 100);
        long fraction = hundredths % 100;
        return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a log file cannot be acted on
        }
    }
}
