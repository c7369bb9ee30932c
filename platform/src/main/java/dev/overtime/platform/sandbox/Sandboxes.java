package dev.overtime.platform.sandbox;

import dev.overtime.platform.environment.Environment;
import dev.overtime.platform.environment.LaunchException;
import dev.overtime.platform.environment.LayerFolders;
import dev.overtime.platform.environment.ProcessIsolation;
import dev.overtime.platform.invocation.FunctionErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code serve --sandbox}: every environment in a sandbox of its own ({@link EnvironmentSandbox}). {@link #open}
 * checks what the host offers and says what it uses, or what is missing, in which case functions run unsandboxed.
 */
public final class Sandboxes implements ProcessIsolation {

    private final LinuxNamespaces namespaces;
    private final Bubblewrap bubblewrap;
    private final Path nsenter;
    private final MemoryLimits memory;
    private final Path folder;
    private final long platformPid = ProcessHandle.current().pid();
    private volatile LambdaApiBridge lambdaApi;

    private Sandboxes(LinuxNamespaces namespaces, Bubblewrap bubblewrap, Path nsenter, MemoryLimits memory,
                      Path folder) {
        this.namespaces = namespaces;
        this.bubblewrap = bubblewrap;
        this.nsenter = nsenter;
        this.memory = memory;
        this.folder = folder;
    }

    /**
     * The sandboxes of a platform whose data is in {@code dataDir}, or empty when this host cannot sandbox;
     * {@code notices} is told which, and with what.
     */
    public static Optional<Sandboxes> open(Path dataDir, Consumer<String> notices) {
        List<String> missing = new ArrayList<>();
        Optional<Bubblewrap> bubblewrap = Bubblewrap.find();
        if (bubblewrap.isEmpty()) {
            missing.add("bubblewrap is not installed (apt-get install bubblewrap)");
        }
        Optional<Path> nsenter = Bubblewrap.nsenter();
        if (nsenter.isEmpty()) {
            missing.add("nsenter is not installed (apt-get install util-linux)");
        }
        LinuxNamespaces namespaces = null;
        try {
            namespaces = nativeNamespaces();
            probe(namespaces, dataDir.resolve("sandboxes"));
        } catch (IOException | ReflectiveOperationException | LinkageError | RuntimeException e) {
            namespaces = null;
            missing.add("network namespaces and tmpfs mounts need Linux, root and a JDK 22+ run with "
                    + "--enable-native-access=ALL-UNNAMED (" + e + ")");
        }
        if (!missing.isEmpty()) {
            notices.accept("cannot sandbox functions on this host: " + String.join("; ", missing)
                    + ". Functions run unsandboxed.");
            return Optional.empty();
        }
        MemoryLimits limits = MemoryLimits.detect(Path.of("/sys/fs/cgroup"), ownCgroups());
        Path folder = dataDir.resolve("sandboxes");
        Sandboxes sandboxes = new Sandboxes(namespaces, bubblewrap.get(), nsenter.get(), limits, folder);
        sandboxes.removeLeftovers();
        notices.accept("functions run in sandboxes: " + bubblewrap.get().binary() + " with mount, PID, IPC and "
                + "network namespaces; " + limits.describe());
        return Optional.of(sandboxes);
    }

    @Override
    public void reachLambdaApi(int port, Callers callers) {
        this.lambdaApi = new LambdaApiBridge(port, callers);
    }

    /** Whether memory limits are a cgroup's here, not sampled. */
    public boolean limitsMemoryWithCgroups() {
        return memory instanceof MemoryLimits.Cgroups;
    }

    @Override
    public Enclosure enclose(Environment env) throws LaunchException {
        String name = MemoryLimits.PREFIX + platformPid + "-" + env.id();
        try {
            EnvironmentSandbox sandbox = EnvironmentSandbox.open(namespaces, bubblewrap, nsenter, memory, name,
                    folder.resolve(name).resolve("tmp"), (long) env.function().ephemeralStorageMb() << 20,
                    (long) env.function().memorySizeMb() << 20);
            LambdaApiBridge bridge = lambdaApi;
            if (bridge != null) {
                sandbox.accept(bridge.port(), bridge.callers());
            }
            return sandbox;
        } catch (IOException | RuntimeException e) {
            String detail = "could not make the execution environment's sandbox: " + e.getMessage();
            throw new LaunchException(detail, requestId -> FunctionErrors.sandboxFailure(requestId, detail));
        }
    }

    private static LinuxNamespaces nativeNamespaces() throws ReflectiveOperationException {
        if (Runtime.version().feature() < 22 || !System.getProperty("os.name", "").equals("Linux")) {
            throw new UnsupportedOperationException("running on Java " + Runtime.version().feature() + ", "
                    + System.getProperty("os.name"));
        }
        return (LinuxNamespaces) Class.forName("dev.overtime.platform.sandbox.NativeLinuxNamespaces")
                .getDeclaredConstructor().newInstance();
    }

    /** Tries, once, what every sandbox will do: a network namespace and a tmpfs. */
    private static void probe(LinuxNamespaces namespaces, Path folder) throws IOException {
        Path tmp = folder.resolve(MemoryLimits.PREFIX + ProcessHandle.current().pid() + "-probe");
        Files.createDirectories(tmp);
        try {
            namespaces.close(EnvironmentSandbox.onOwnThread(namespaces::newNetwork));
            namespaces.mountTmpfs(tmp, 1 << 20);
            namespaces.unmount(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Unmounts and deletes the {@code /tmp}s a platform that died left behind. */
    private void removeLeftovers() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (var dirs = Files.list(folder)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                if (!dir.getFileName().toString().startsWith(MemoryLimits.PREFIX)) {
                    continue;
                }
                String owner = dir.getFileName().toString().substring(MemoryLimits.PREFIX.length()).split("-")[0];
                if (!Files.exists(Path.of("/proc", owner))) {
                    try {
                        namespaces.unmount(dir.resolve("tmp"));
                    } catch (IOException e) {
                        // Not mounted any more.
                    }
                    LayerFolders.deleteTree(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Leftovers only cost disk space; serving goes on.
        }
    }

    private static List<String> ownCgroups() {
        try {
            return Files.readAllLines(Path.of("/proc/self/cgroup"));
        } catch (IOException e) {
            return List.of();
        }
    }
}
