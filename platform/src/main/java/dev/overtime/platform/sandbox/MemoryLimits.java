package dev.overtime.platform.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How an environment's {@code MemorySize} becomes a hard limit: a memory cgroup of its own under the platform's,
 * from cgroup v2 where its memory controller can be used, else from v1's memory controller; where neither works,
 * an {@link RssWatch}, with the reason.
 */
sealed interface MemoryLimits {

    /** Names the cgroups this platform makes, so that a later start can remove what a dead one left. */
    String PREFIX = "overtime-";

    /** What the environments' memory is limited with, for the platform's start notice. */
    String describe();

    /** A new limit of {@code bytes} for one environment, a cgroup being named {@code name}. */
    EnvironmentMemory create(String name, long bytes) throws IOException;

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
                    MemoryCgroup.create(version, parent.get().resolve(PREFIX + ProcessHandle.current().pid() + "-probe"),
                            64L << 20).remove();
                    return cgroups;
                } catch (IOException | RuntimeException e) {
                    failure = e.getMessage();
                }
            }
            why.append(version.label()).append(": ").append(failure).append("; ");
        }
        return new Sampled(why.substring(0, Math.max(0, why.length() - 2)));
    }

    /** Every environment in a cgroup of its own under {@code parent}. */
    record Cgroups(MemoryCgroup.Version version, Path parent) implements MemoryLimits {

        @Override
        public String describe() {
            return "MemorySize enforced with the " + version.label() + " memory controller (" + parent + ")";
        }

        @Override
        public EnvironmentMemory create(String name, long bytes) throws IOException {
            return MemoryCgroup.create(version, parent.resolve(name), bytes);
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

    /** No memory cgroup, for the {@code reason} given: resident memory is sampled instead. */
    record Sampled(String reason) implements MemoryLimits {

        @Override
        public String describe() {
            return "MemorySize enforced by adding up resident memory every " + RssWatch.PERIOD_MILLIS
                    + " ms, since no memory cgroup works here (" + reason + ")";
        }

        @Override
        public EnvironmentMemory create(String name, long bytes) {
            return new RssWatch(bytes);
        }
    }
}
