package dev.overtime.platform.environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident memory of a process, for the REPORT line's "Max Memory Used". */
final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Peak RSS in MB from {@code /proc/<pid>/status} (VmHWM); 0 where /proc is not available. */
    static long peakMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
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
