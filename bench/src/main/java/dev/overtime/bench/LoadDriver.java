package dev.overtime.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/** Closed-loop load: N callers, each on its own connection and platform thread, for a fixed time. */
final class LoadDriver {

    /**
     * One measured run. {@code maxMicros} is the slowest request of the whole run (NaN where a run
     * does not measure it). The CPU figures are nanoseconds over the whole run: the load driver's caller
     * threads, the rest of this JVM (the platform under test), and the processes it started (the
     * functions); 0 where a run does not measure them.
     */
    record Result(String label, int callers, long requests, double seconds, long errors, double p50Micros,
                  double p99Micros, double maxMicros, long driverCpuNanos, long platformCpuNanos,
                  long functionCpuNanos) {
        Result(String label, int callers, long requests, double seconds, long errors, double p50Micros,
               double p99Micros) {
            this(label, callers, requests, seconds, errors, p50Micros, p99Micros, Double.NaN, 0, 0, 0);
        }

        double perSecond() {
            return requests / seconds;
        }

        /** CPU microseconds per request, all parties together. */
        double cpuMicrosPerRequest() {
            return (driverCpuNanos + platformCpuNanos + functionCpuNanos) / 1e3 / requests;
        }

        /** CPU microseconds per request: the platform's JVM, the function processes, and the load driver. */
        String cpuPerRequest() {
            return String.format(java.util.Locale.ROOT, "%.1f / %.1f / %.1f", platformCpuNanos / 1e3 / requests,
                    functionCpuNanos / 1e3 / requests, driverCpuNanos / 1e3 / requests);
        }
    }

    interface Target {
        KeepAliveClient connect() throws IOException;
    }

    static Result run(String label, Target target, byte[] body, int callers, double seconds) throws Exception {
        return run(label, target, body, callers, seconds, 200);
    }

    /**
     * As {@link #run(String, Target, byte[], int, double)}, counting as errors answers other than
     * {@code expected}, answers that say the function failed ({@code X-Amz-Function-Error}), and
     * broken connections.
     */
    static Result run(String label, Target target, byte[] body, int callers, double seconds, int expected)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder errors = new LongAdder();
        LongAdder driverCpu = new LongAdder();
        java.util.concurrent.ConcurrentHashMap<String, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        List<long[]> samples = new ArrayList<>();
        int[] counts = new int[callers];
        long[] slowest = new long[callers];
        List<Thread> threads = new ArrayList<>();
        int capacity = 2_000_000 / callers;
        for (int i = 0; i < callers; i++) {
            long[] mine = new long[capacity];
            samples.add(mine);
            int index = i;
            KeepAliveClient client = target.connect();
            threads.add(Thread.ofPlatform().name("caller-" + i).start(() -> {
                long cpuAtStart = CpuMeter.currentThreadNanos();
                try (client) {
                    int n = 0;
                    while (running.get()) {
                        long start = System.nanoTime();
                        int status = client.exchange(body);
                        long took = System.nanoTime() - start;
                        if (status != expected || client.functionError()) {
                            errors.increment();
                            statuses.merge(client.functionError() ? status + " with X-Amz-Function-Error"
                                    : Integer.toString(status), 1, Integer::sum);
                        }
                        if (n < mine.length) {
                            mine[n] = took;
                        }
                        slowest[index] = Math.max(slowest[index], took);
                        n++;
                    }
                    counts[index] = n;
                } catch (IOException e) {
                    errors.increment();
                    statuses.merge("broken connection (" + e.getMessage() + ")", 1, Integer::sum);
                } finally {
                    driverCpu.add(CpuMeter.currentThreadNanos() - cpuAtStart);
                }
            }));
        }
        long started = System.nanoTime();
        CpuMeter.Sample cpuBefore = CpuMeter.now();
        System.out.printf("  %s, %d caller(s), %.0f s%n", label, callers, seconds);
        Thread.sleep((long) (seconds * 1000));
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        CpuMeter.Sample cpuAfter = CpuMeter.now();
        long total = 0;
        int kept = 0;
        for (int i = 0; i < callers; i++) {
            total += counts[i];
            kept += Math.min(counts[i], capacity);
        }
        long[] all = new long[kept];
        int at = 0;
        for (int i = 0; i < callers; i++) {
            int n = Math.min(counts[i], capacity);
            System.arraycopy(samples.get(i), 0, all, at, n);
            at += n;
        }
        Arrays.sort(all);
        if (!statuses.isEmpty()) {
            System.out.println(label + ": errors (expected " + expected + ") " + statuses);
        }
        long driver = driverCpu.sum();
        double max = Arrays.stream(slowest).max().orElse(0) / 1000.0;
        return new Result(label, callers, total, elapsed, errors.sum(), percentile(all, 0.50), percentile(all, 0.99),
                max, driver, cpuAfter.jvmNanos() - cpuBefore.jvmNanos() - driver,
                Math.max(0, cpuAfter.childrenNanos() - cpuBefore.childrenNanos()));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1000.0;
    }
}
