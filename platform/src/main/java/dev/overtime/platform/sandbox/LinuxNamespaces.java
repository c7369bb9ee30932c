package dev.overtime.platform.sandbox;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The few system calls a sandbox makes from the platform itself: a network namespace a thread can create and
 * enter (namespaces of that kind belong to a thread, so a socket or process a thread opens while in one stays in
 * it), and the tmpfs that is an environment's {@code /tmp}. {@code NativeLinuxNamespaces} makes them through the
 * FFM API, so they need a JDK 22+ and root.
 */
interface LinuxNamespaces {

    /**
     * Moves the calling thread into a new network namespace with its loopback up.
     *
     * @return a descriptor that keeps the namespace and lets other threads {@link #enterNetwork enter} it
     */
    int newNetwork() throws IOException;

    /** Moves the calling thread into the namespace {@code descriptor} holds. */
    void enterNetwork(int descriptor) throws IOException;

    void close(int descriptor);

    /** Mounts a tmpfs of at most {@code bytes} on {@code target}. */
    void mountTmpfs(Path target, long bytes) throws IOException;

    /** Detaches the mount on {@code target}; a process that still has it open keeps it until it is done. */
    void unmount(Path target) throws IOException;
}
