package dev.overtime.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent during a phase by this JVM (the platform, its JIT and GC, and the load driver) and
 * by every process it started (the function processes): beside a throughput figure, where each
 * request's CPU went.
 */
final class CpuMeter {

    /** Linux reports process CPU times in {@code /proc/PID/stat} in units of USER_HZ, 100 on every architecture we run. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    /** CPU nanoseconds used so far: by this JVM and by its descendant processes that are alive now. */
    record Sample(long jvmNanos, long childrenNanos) {
    }

    private CpuMeter() {
    }

    static Sample now() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long children = ProcessHandle.current().descendants().mapToLong(p -> ticks(p.pid())).sum() * NANOS_PER_TICK;
        return new Sample(jvm, children);
    }

    /** CPU nanoseconds used so far by process {@code pid} and by its descendants that are alive now. */
    static long treeNanos(long pid) {
        return ProcessHandle.of(pid).map(p -> (ticks(pid) + p.descendants().mapToLong(d -> ticks(d.pid())).sum())
                * NANOS_PER_TICK).orElse(0L);
    }

    /** The calling thread's CPU time in nanoseconds. */
    static long currentThreadNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** utime + stime of one process, or 0 once it is gone or where there is no /proc. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
