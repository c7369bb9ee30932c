package dev.overtime.platform.environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak resident memory of a process, for the REPORT line's "Max Memory Used". Reading /proc costs
 * tens of microseconds, so it is read at most every 250 ms; the peak only grows, so a cached value
 * is at worst slightly low, never wrong by more than the growth since the last read.
 */
final class ProcessMemory {
    static final ProcessMemory NONE = new ProcessMemory(-1);
    private static final long REFRESH_NANOS = 250_000_000L;

    private final Path status;
    private volatile long readAtNanos;
    private volatile long peakMb;

    ProcessMemory(long pid) {
        this.status = pid < 0 ? null : Path.of("/proc", Long.toString(pid), "status");
        this.readAtNanos = System.nanoTime() - REFRESH_NANOS;
    }

    long peakMegabytes() {
        long now = System.nanoTime();
        if (status != null && now - readAtNanos >= REFRESH_NANOS) {
            readAtNanos = now;
            peakMb = Math.max(peakMb, read(status));
        }
        return peakMb;
    }

    /** Peak RSS in MB from {@code /proc/<pid>/status} (VmHWM); 0 where /proc is not available. */
    private static long read(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return (Long.parseLong(kb) + 1023) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
