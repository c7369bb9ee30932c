package dev.overtime.platform.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One environment's memory cgroup: its processes join it before they run anything ({@link #processes()}), the
 * kernel ends the largest of them when together they pass the limit, and the cgroup tells afterwards whether it
 * did ({@link #outOfMemoryKills()}) and how high memory went ({@link #peakMegabytes()}).
 */
final class MemoryCgroup implements EnvironmentMemory {

    /** Joins the cgroup named by {@code $0}, then becomes the command: its processes never run outside it. */
    private static final String JOIN = "echo $$ > \"$0\" && exec \"$@\"";

    /** The two cgroup hierarchies, with the names each gives the same facts. */
    enum Version {
        V2("cgroup v2", "memory.max", "memory.peak", "memory.events"),
        V1("cgroup v1", "memory.limit_in_bytes", "memory.max_usage_in_bytes", "memory.oom_control");

        private final String label;
        private final String limit;
        private final String peak;
        private final String events;

        Version(String label, String limit, String peak, String events) {
            this.label = label;
            this.limit = limit;
            this.peak = peak;
            this.events = events;
        }

        String label() {
            return label;
        }

        /** This process's cgroup in the hierarchy, from {@code /proc/self/cgroup}'s lines. */
        Optional<Path> ownCgroup(Path cgroupFs, List<String> ownCgroups) {
            for (String line : ownCgroups) {
                String[] fields = line.split(":", 3);
                if (fields.length < 3) {
                    continue;
                }
                if (this == V2 && fields[0].equals("0") && fields[1].isEmpty()) {
                    Path mount = Files.exists(cgroupFs.resolve("cgroup.controllers")) ? cgroupFs
                            : cgroupFs.resolve("unified");
                    return Optional.of(mount.resolve(fields[2].substring(1))).filter(Files::isDirectory);
                }
                if (this == V1 && List.of(fields[1].split(",")).contains("memory")) {
                    return Optional.of(cgroupFs.resolve("memory").resolve(fields[2].substring(1)))
                            .filter(Files::isDirectory);
                }
            }
            return Optional.empty();
        }

        /** Why children of {@code parent} cannot have a memory limit, or null when they may. */
        String unusable(Path parent) {
            if (this == V1) {
                return Files.isWritable(parent) ? null : parent + " is not writable";
            }
            try {
                String controllers = Files.readString(parent.resolve("cgroup.controllers"));
                if (!List.of(controllers.trim().split("\\s+")).contains("memory")) {
                    return "no memory controller in " + parent + " (it has: " + controllers.trim() + ")";
                }
                if (!Files.readString(parent.resolve("cgroup.subtree_control")).contains("memory")) {
                    Files.writeString(parent.resolve("cgroup.subtree_control"), "+memory");
                }
                return null;
            } catch (IOException e) {
                return "cannot enable the memory controller for " + parent + "'s children: " + e.getMessage();
            }
        }
    }

    private final Version version;
    private final Path dir;

    private MemoryCgroup(Version version, Path dir) {
        this.version = version;
        this.dir = dir;
    }

    static MemoryCgroup create(Version version, Path dir, long bytes) throws IOException {
        Files.createDirectory(dir);
        MemoryCgroup cgroup = new MemoryCgroup(version, dir);
        try {
            Files.writeString(dir.resolve(version.limit), Long.toString(bytes));
            if (version == Version.V1) {
                // With swap, memory and swap together must stay under the limit too, else pages would just move out.
                writeIfPresent(dir.resolve("memory.memsw.limit_in_bytes"), Long.toString(bytes));
            } else {
                writeIfPresent(dir.resolve("memory.swap.max"), "0");
                // The environment ends as a whole, as on AWS, not just its largest process.
                writeIfPresent(dir.resolve("memory.oom.group"), "1");
            }
            return cgroup;
        } catch (IOException e) {
            cgroup.remove();
            throw new IOException("cannot limit " + dir + " to " + bytes + " bytes: " + e.getMessage(), e);
        }
    }

    private static void writeIfPresent(Path file, String value) throws IOException {
        if (Files.exists(file)) {
            Files.writeString(file, value);
        }
    }

    @Override
    public List<String> join() {
        return List.of("/bin/sh", "-c", JOIN, dir.resolve("cgroup.procs").toString());
    }

    @Override
    public void started(Process process) {
    }

    /** The most memory the cgroup's processes used at once, in MB (0 where the kernel does not keep it). */
    @Override
    public long peakMegabytes() {
        try {
            return (Long.parseLong(Files.readString(dir.resolve(version.peak)).trim()) + (1 << 20) - 1) >> 20;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public boolean outOfMemory() {
        return outOfMemoryKills() > 0;
    }

    /** How many processes the kernel ended because the cgroup reached its limit. */
    long outOfMemoryKills() {
        try {
            for (String line : Files.readAllLines(dir.resolve(version.events))) {
                if (line.startsWith("oom_kill ")) {
                    return Long.parseLong(line.substring("oom_kill ".length()).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** Removes the cgroup; true once it is gone. It refuses while a process is still in it. */
    boolean remove() {
        return removeQuietly(dir);
    }

    /** Removes the cgroup once the processes of a killed sandbox, which take a moment to leave, have left. */
    @Override
    public void close() {
        Thread.ofVirtual().name("overtime-cgroup-removal").start(() -> {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!remove() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    static boolean removeQuietly(Path dir) {
        try {
            Files.delete(dir);
            return true;
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
