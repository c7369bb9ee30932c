package dev.overtime.platform.environment;

import dev.overtime.platform.processes.Setsid;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Where an environment's processes run. {@link #HOST} starts them as the platform's own children, seeing the host
 * as it is; {@code serve --sandbox} encloses each environment ({@code dev.overtime.platform.sandbox}).
 */
public interface ProcessIsolation {

    /** No isolation: processes share the platform's filesystem, network and memory. */
    ProcessIsolation HOST = env -> Enclosure.HOST;

    /** Prepares {@code env}'s enclosure before anything of it runs, its Runtime API address included. */
    Enclosure enclose(Environment env) throws LaunchException;

    /**
     * Lets the processes of environments enclosed from now on reach the platform's Lambda API at
     * {@code 127.0.0.1:port} ({@code AWS_ENDPOINT_URL_LAMBDA}); the host's processes reach it already.
     *
     * @param callers accepts callers on a listening socket, as the platform's own port does
     */
    default void reachLambdaApi(int port, Callers callers) {
    }

    /** Accepts callers of the platform's doors on a listening socket until the returned handle is closed. */
    @FunctionalInterface
    interface Callers {
        java.io.Closeable accept(ServerSocketChannel channel) throws IOException;
    }

    /** One environment's enclosure, shared by its runtime and its extensions; closed once all of them are gone. */
    interface Enclosure {

        Enclosure HOST = new Enclosure() {
            @Override
            public ServerSocketChannel openServerSocket() throws IOException {
                return RuntimeApiBinder.ServerSockets.HOST.open();
            }

            @Override
            public Path seen(Path hostPath, Path taskRoot, Optional<Path> opt) {
                return hostPath;
            }

            @Override
            public Process start(ProcessBuilder builder, List<String> command, Path taskRoot, Optional<Path> opt,
                                 List<Path> runtimeFiles) throws IOException {
                return builder.command(Setsid.wrap(command)).start();
            }

            @Override
            public LongSupplier peakMegabytes(Process runtime) {
                return new ProcessMemory(runtime.pid())::peakMegabytes;
            }

            @Override
            public boolean outOfMemory() {
                return false;
            }

            @Override
            public void close() {
            }
        };

        /** The environment's Runtime API socket, as {@link RuntimeApiBinder.ServerSockets#open()} describes it. */
        ServerSocketChannel openServerSocket() throws IOException;

        /** Where the environment's processes see {@code hostPath}, a file of the code, the layers or the host. */
        Path seen(Path hostPath, Path taskRoot, Optional<Path> opt);

        /**
         * Starts {@code command} (paths as {@link #seen} gives them) with {@code builder}'s variables, directory and
         * redirections, as the leader of its own process group.
         *
         * @param runtimeFiles host folders the command needs besides the system's, the code and the layers (a JDK,
         *                     the platform's bundled runtimes)
         */
        Process start(ProcessBuilder builder, List<String> command, Path taskRoot, Optional<Path> opt,
                      List<Path> runtimeFiles) throws IOException;

        /** The peak memory, in MB, of the environment whose runtime is {@code runtime}, for REPORT lines. */
        LongSupplier peakMegabytes(Process runtime);

        /** Whether the environment's memory limit ended one of its processes. */
        boolean outOfMemory();

        /** Frees what the enclosure holds; its processes are gone. */
        void close();
    }
}
