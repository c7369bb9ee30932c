package dev.overtime.platform.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code bwrap} command that runs one process of an environment: its own mount, PID, IPC and UTS namespaces
 * (the network namespace is the environment's, which the process is started in), every capability dropped, a
 * read-only view of the host's system folders, the code read-only at {@code /var/task}, the layers read-only at
 * {@code /opt}, the environment's own {@code /tmp}, and nothing else of the host but the runtime folders it needs.
 */
record Bubblewrap(Path binary) {

    /** The host's system, seen read-only so that runtimes installed there keep working. */
    private static final List<String> SYSTEM = List.of("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64",
            "/libx32");

    /** {@code bwrap} in the usual folders. */
    static Optional<Bubblewrap> find() {
        return installed("bwrap").map(Bubblewrap::new);
    }

    /** util-linux's {@code nsenter}, which starts a command in a namespace the platform holds. */
    static Optional<Path> nsenter() {
        return installed("nsenter");
    }

    private static Optional<Path> installed(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code path} is in a folder every sandbox sees already. */
    static boolean isSystem(Path path) {
        return SYSTEM.stream().anyMatch(dir -> path.startsWith(dir));
    }

    /**
     * @param tmp          the environment's {@code /tmp} on the host
     * @param runtimeFiles host folders the command needs, seen read-only at their own path
     */
    List<String> command(List<String> command, Path taskRoot, Optional<Path> opt, Path tmp, List<Path> runtimeFiles)
            throws IOException {
        List<String> args = new ArrayList<>(List.of(binary.toString(), "--die-with-parent", "--unshare-pid",
                "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--cap-drop", "ALL", "--hostname",
                "localhost"));
        for (String dir : SYSTEM) {
            Path host = Path.of(dir);
            if (Files.isSymbolicLink(host)) {
                args.addAll(List.of("--symlink", Files.readSymbolicLink(host).toString(), dir));
            } else if (Files.isDirectory(host)) {
                args.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--bind", tmp.toString(), "/tmp",
                "--ro-bind", taskRoot.toString(), "/var/task"));
        if (opt.isPresent()) {
            args.addAll(List.of("--ro-bind", opt.get().toString(), "/opt"));
        } else {
            args.addAll(List.of("--dir", "/opt"));
        }
        for (Path files : runtimeFiles) {
            if (!isSystem(files) && Files.isDirectory(files)) {
                args.addAll(List.of("--ro-bind", files.toString(), files.toString()));
            }
        }
        args.addAll(List.of("--chdir", "/var/task", "--"));
        args.addAll(command);
        return args;
    }
}
