package dev.overtime.platform.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The limit where no memory cgroup works: the resident memory of the environment's processes (every descendant of
 * each process it started), added up every {@link #PERIOD_MILLIS} ms, and all of them SIGKILLed once the sum passes
 * the limit. Softer than a cgroup: a process can pass the limit for up to one period before it is seen.
 */
final class RssWatch implements EnvironmentMemory {

    static final long PERIOD_MILLIS = 50;
    private static final ScheduledExecutorService SAMPLER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "overtime-memory-watch");
        thread.setDaemon(true);
        return thread;
    });

    private final long limitBytes;
    private final List<ProcessHandle> started = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> sampling;
    private volatile long peakBytes;
    private volatile boolean killed;

    RssWatch(long limitBytes) {
        this.limitBytes = limitBytes;
        this.sampling = SAMPLER.scheduleWithFixedDelay(this::sample, PERIOD_MILLIS, PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public List<String> join() {
        return List.of();
    }

    @Override
    public void started(Process process) {
        started.add(process.toHandle());
    }

    private void sample() {
        long sum = 0;
        for (ProcessHandle process : started) {
            sum += residentBytes(process.pid());
            sum += process.descendants().mapToLong(descendant -> residentBytes(descendant.pid())).sum();
        }
        peakBytes = Math.max(peakBytes, sum);
        if (sum > limitBytes && !killed) {
            killed = true;
            for (ProcessHandle process : started) {
                // Listed before any dies; the process first, so it ends by the signal, not by reacting to a child's end.
                List<ProcessHandle> tree = java.util.stream.Stream.concat(java.util.stream.Stream.of(process),
                        process.descendants()).toList();
                tree.forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** {@code VmRSS} of {@code /proc/<pid>/status}; 0 for a process that is gone. */
    private static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+")[0]) << 10;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public long peakMegabytes() {
        return (peakBytes + (1 << 20) - 1) >> 20;
    }

    @Override
    public boolean outOfMemory() {
        return killed;
    }

    @Override
    public void close() {
        sampling.cancel(false);
    }
}
