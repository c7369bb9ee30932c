package dev.overtime.platform.sandbox;

import dev.overtime.platform.environment.LayerFolders;
import dev.overtime.platform.environment.ProcessIsolation;
import dev.overtime.platform.processes.Setsid;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * One environment's sandbox: a network namespace with only a loopback, in which the platform itself listens for
 * the environment's Runtime API, a tmpfs {@code /tmp}, and a memory cgroup; each of its processes joins the cgroup,
 * enters the namespace ({@code nsenter}) and is started by {@link Bubblewrap}. Closed once every process of the
 * environment is gone.
 *
 * <p>Only a short-lived thread of its own ever enters the namespace, to open the Runtime API's socket, which stays
 * in it. Processes are not forked from such a thread: the JDK would start their reaper threads there, and every
 * thread those start (the platform's own work included) would live in the sandbox's network.
 */
final class EnvironmentSandbox implements ProcessIsolation.Enclosure {

    static final Path TASK = Path.of("/var/task");
    static final Path OPT = Path.of("/opt");

    private final LinuxNamespaces namespaces;
    private final Bubblewrap bubblewrap;
    private final Path nsenter;
    private final int network;
    private final Path tmp;
    private final EnvironmentMemory memory;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The host's side of each Runtime API port, and what accepts callers here: held until the environment is gone. */
    private final List<java.io.Closeable> held = new java.util.concurrent.CopyOnWriteArrayList<>();

    private EnvironmentSandbox(LinuxNamespaces namespaces, Bubblewrap bubblewrap, Path nsenter, int network,
                               Path tmp, EnvironmentMemory memory) {
        this.namespaces = namespaces;
        this.bubblewrap = bubblewrap;
        this.nsenter = nsenter;
        this.network = network;
        this.tmp = tmp;
        this.memory = memory;
    }

    /**
     * Makes the namespace, the {@code /tmp} of {@code tmpBytes} at {@code tmp} and the cgroup limited to
     * {@code memoryBytes}; whatever was made is undone when a later part fails.
     */
    static EnvironmentSandbox open(LinuxNamespaces namespaces, Bubblewrap bubblewrap, Path nsenter,
                                   MemoryLimits limits, String name, Path tmp, long tmpBytes, long memoryBytes)
            throws IOException {
        int network = onOwnThread(namespaces::newNetwork);
        EnvironmentMemory memory = null;
        boolean mounted = false;
        try {
            Files.createDirectories(tmp);
            namespaces.mountTmpfs(tmp, tmpBytes);
            mounted = true;
            memory = limits.create(name, memoryBytes);
            return new EnvironmentSandbox(namespaces, bubblewrap, nsenter, network, tmp, memory);
        } catch (IOException | RuntimeException e) {
            namespaces.close(network);
            if (mounted) {
                namespaces.unmount(tmp);
            }
            if (memory != null) {
                memory.close();
            }
            throw e;
        }
    }

    /**
     * Listens on a port of the sandbox's loopback whose number is held on the host's too, by a socket bound there
     * but never listening: no other port of the platform's can have that number, and nothing on the host answers
     * on it.
     */
    @Override
    public ServerSocketChannel openServerSocket() throws IOException {
        SocketChannel reservation = SocketChannel.open();
        try {
            reservation.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) reservation.getLocalAddress()).getPort();
            ServerSocketChannel channel = serverSocketInside();
            try {
                channel.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            held.add(reservation);
            return channel;
        } catch (IOException | RuntimeException e) {
            reservation.close();
            throw e;
        }
    }

    /**
     * Runs {@code work} on a platform thread of its own: a network namespace is a thread's, so the thread that
     * entered one is used for nothing else and ends with the work.
     */
    static <T> T onOwnThread(Callable<T> work) throws IOException {
        FutureTask<T> task = new FutureTask<>(work);
        Thread.ofPlatform().name("overtime-sandbox").daemon().start(task);
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while entering the sandbox's network", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
    }

    /** A server socket of the sandbox's network, unbound; it stays in that network whatever thread uses it. */
    private ServerSocketChannel serverSocketInside() throws IOException {
        return onOwnThread(() -> {
            namespaces.enterNetwork(network);
            return ServerSocketChannel.open();
        });
    }

    /**
     * Accepts {@code callers} on {@code 127.0.0.1:port} of the sandbox's network, as the platform's doors do on the
     * host's: the platform's Lambda API, at the address functions are given, is the one other thing they reach.
     */
    void accept(int port, ProcessIsolation.Callers callers) throws IOException {
        ServerSocketChannel channel = serverSocketInside();
        try {
            channel.bind(new InetSocketAddress("127.0.0.1", port));
            channel.configureBlocking(false);
            held.add(callers.accept(channel));
            held.add(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            close();
            throw e;
        }
    }

    @Override
    public Path seen(Path hostPath, Path taskRoot, Optional<Path> opt) {
        if (hostPath.startsWith(taskRoot)) {
            return TASK.resolve(taskRoot.relativize(hostPath).toString());
        }
        if (opt.isPresent() && hostPath.startsWith(opt.get())) {
            return OPT.resolve(opt.get().relativize(hostPath).toString());
        }
        return hostPath;
    }

    @Override
    public Process start(ProcessBuilder builder, List<String> command, Path taskRoot, Optional<Path> opt,
                         List<Path> runtimeFiles) throws IOException {
        List<String> full = new ArrayList<>(memory.join());
        // The platform's descriptor of the namespace; it is close-on-exec, so no sandboxed process holds it.
        full.addAll(List.of(nsenter.toString(), "--net=/proc/" + ProcessHandle.current().pid() + "/fd/" + network,
                "--"));
        full.addAll(Setsid.wrap(bubblewrap.command(command, taskRoot, opt, tmp, runtimeFiles)));
        Process process = builder.command(full).start();
        memory.started(process);
        return process;
    }

    @Override
    public LongSupplier peakMegabytes(Process runtime) {
        return memory::peakMegabytes;
    }

    @Override
    public boolean outOfMemory() {
        return memory.outOfMemory();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        namespaces.close(network);
        for (java.io.Closeable closeable : held) {
            try {
                closeable.close();
            } catch (IOException e) {
                // A socket that will not close is closed with the platform.
            }
        }
        try {
            namespaces.unmount(tmp);
            LayerFolders.deleteTree(tmp);
        } catch (IOException e) {
            // Left for the next start's sweep of the sandboxes folder.
        }
        memory.close();
    }
}
