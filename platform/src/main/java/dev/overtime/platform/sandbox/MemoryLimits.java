package dev.overtime.platform.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How an environment's {@code MemorySize} becomes a hard limit: a memory cgroup of its own under the platform's,
 * from cgroup v2 where its memory controller can be used, else from v1's memory controller; or no limit at all,
 * with the reason.
 */
sealed interface MemoryLimits {

    /** Names the cgroups this platform makes, so that a later start can remove what a dead one left. */
    String PREFIX = "overtime-";

    /** What the environments' memory is limited with, for the platform's start notice. */
    String describe();

    /** A new cgroup named {@code name}, limited to {@code bytes}; empty when memory is not limited. */
    Optional<MemoryCgroup> create(String name, long bytes) throws IOException;

    /** The first kind of limit that works for this process, tried in earnest with a cgroup that is removed again. */
    static MemoryLimits detect(Path cgroupFs, List<String> ownCgroups) {
        StringBuilder why = new StringBuilder();
        for (MemoryCgroup.Version version : MemoryCgroup.Version.values()) {
            Optional<Path> parent = version.ownCgroup(cgroupFs, ownCgroups);
            if (parent.isEmpty()) {
                why.append(version.label()).append(": not mounted for this process; ");
                continue;
            }
            String failure = version.unusable(parent.get());
            if (failure == null) {
                Cgroups cgroups = new Cgroups(version, parent.get());
                cgroups.removeLeftovers();
                try {
                    cgroups.create(PREFIX + ProcessHandle.current().pid() + "-probe", 64L << 20).orElseThrow().close();
                    return cgroups;
                } catch (IOException | RuntimeException e) {
                    failure = e.getMessage();
                }
            }
            why.append(version.label()).append(": ").append(failure).append("; ");
        }
        return new Unlimited(why.substring(0, Math.max(0, why.length() - 2)));
    }

    /** Every environment in a cgroup of its own under {@code parent}. */
    record Cgroups(MemoryCgroup.Version version, Path parent) implements MemoryLimits {

        @Override
        public String describe() {
            return "the " + version.label() + " memory controller (" + parent + ")";
        }

        @Override
        public Optional<MemoryCgroup> create(String name, long bytes) throws IOException {
            return Optional.of(MemoryCgroup.create(version, parent.resolve(name), bytes));
        }

        /** Removes the cgroups of platforms that are no longer running; one still in use refuses to go. */
        void removeLeftovers() {
            try (var children = Files.list(parent)) {
                children.filter(dir -> dir.getFileName().toString().startsWith(PREFIX))
                        .filter(dir -> !Files.exists(Path.of("/proc", ownerPid(dir))))
                        .forEach(MemoryCgroup::removeQuietly);
            } catch (IOException e) {
                // Nothing listed, nothing removed: leftovers only cost a directory each.
            }
        }

        /** The platform's process id in a name {@code overtime-<pid>-<environment>}. */
        private static String ownerPid(Path dir) {
            return dir.getFileName().toString().substring(PREFIX.length()).split("-")[0];
        }
    }

    /** No memory limit: {@code reason} says why. */
    record Unlimited(String reason) implements MemoryLimits {

        @Override
        public String describe() {
            return "no memory limit (" + reason + ")";
        }

        @Override
        public Optional<MemoryCgroup> create(String name, long bytes) {
            return Optional.empty();
        }
    }
}
