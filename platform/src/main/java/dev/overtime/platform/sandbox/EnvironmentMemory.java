package dev.overtime.platform.sandbox;

import java.util.List;

/** How one environment's memory is held to its {@code MemorySize}: a memory cgroup, or sampling where none works. */
sealed interface EnvironmentMemory permits MemoryCgroup, RssWatch {

    /** The command words that put a process in the limit before it runs anything; empty when it counts anyway. */
    List<String> join();

    /** One of the environment's processes has started. */
    void started(Process process);

    /** The most memory the environment's processes used at once, in MB. */
    long peakMegabytes();

    /** Whether the limit ended one of the environment's processes. */
    boolean outOfMemory();

    /** Frees what the limit holds; the environment's processes are gone or going. */
    void close();
}
