package dev.overtime.platform.sandbox;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * libc's {@code unshare}, {@code setns}, {@code open}, {@code ioctl}, {@code mount} and {@code umount2} through the
 * FFM API, final since JDK 22. Compiled only by a JDK 22+ build and loaded only on a JDK 22+ runtime; without it
 * the platform says that sandboxes need one.
 */
final class NativeLinuxNamespaces implements LinuxNamespaces {

    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final long SIOCSIFFLAGS = 0x8914;
    private static final short IFF_UP = 0x1;
    /** {@code struct ifreq}: a 16-byte name, then a union whose first member is the flags. */
    private static final int IFREQ_BYTES = 40;
    private static final int IFREQ_FLAGS_OFFSET = 16;
    private static final long MS_NOSUID = 2;
    private static final long MS_NODEV = 4;
    private static final int MNT_DETACH = 2;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(
            java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");

    private static final MethodHandle UNSHARE = function("unshare",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), ERRNO_OPTION);
    private static final MethodHandle SETNS = function("setns",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), ERRNO_OPTION);
    private static final MethodHandle OPEN = function("open",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            ERRNO_OPTION, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = function("close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle SOCKET = function("socket",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            ERRNO_OPTION);
    private static final MethodHandle IOCTL = function("ioctl",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            ERRNO_OPTION, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle MOUNT = function("mount",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_LONG, ValueLayout.ADDRESS), ERRNO_OPTION);
    private static final MethodHandle UMOUNT2 = function("umount2",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), ERRNO_OPTION);
    private static final MethodHandle STRERROR = function("strerror",
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    public NativeLinuxNamespaces() {
    }

    private static MethodHandle function(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor, options);
    }

    @Override
    public int newNetwork() throws IOException {
        return call((arena, state) -> {
            check("unshare(CLONE_NEWNET)", (int) UNSHARE.invokeExact(state, CLONE_NEWNET), state);
            loopbackUp(arena, state);
            return check("open(/proc/thread-self/ns/net)", (int) OPEN.invokeExact(state,
                    arena.allocateFrom("/proc/thread-self/ns/net"), O_RDONLY_CLOEXEC, 0), state);
        });
    }

    /** A new network namespace's loopback is down: nothing could connect to the Runtime API on 127.0.0.1. */
    private static void loopbackUp(Arena arena, MemorySegment state) throws Throwable {
        int socket = check("socket", (int) SOCKET.invokeExact(state, AF_INET, SOCK_DGRAM, 0), state);
        try {
            MemorySegment request = arena.allocate(IFREQ_BYTES);
            request.setString(0, "lo");
            check("ioctl(SIOCGIFFLAGS, lo)", (int) IOCTL.invokeExact(state, socket, SIOCGIFFLAGS, request), state);
            short flags = request.get(ValueLayout.JAVA_SHORT, IFREQ_FLAGS_OFFSET);
            request.set(ValueLayout.JAVA_SHORT, IFREQ_FLAGS_OFFSET, (short) (flags | IFF_UP));
            check("ioctl(SIOCSIFFLAGS, lo up)", (int) IOCTL.invokeExact(state, socket, SIOCSIFFLAGS, request), state);
        } finally {
            int ignored = (int) CLOSE.invokeExact(socket);
        }
    }

    @Override
    public void enterNetwork(int descriptor) throws IOException {
        call((arena, state) -> check("setns(CLONE_NEWNET)", (int) SETNS.invokeExact(state, descriptor, CLONE_NEWNET),
                state));
    }

    @Override
    public void close(int descriptor) {
        try {
            int ignored = (int) CLOSE.invokeExact(descriptor);
        } catch (Throwable e) {
            // Nothing to do about a descriptor that will not close.
        }
    }

    @Override
    public void mountTmpfs(Path target, long bytes) throws IOException {
        call((arena, state) -> check("mount tmpfs on " + target, (int) MOUNT.invokeExact(state,
                arena.allocateFrom("tmpfs"), arena.allocateFrom(target.toString()), arena.allocateFrom("tmpfs"),
                MS_NOSUID | MS_NODEV, arena.allocateFrom("size=" + bytes + ",mode=1777")), state));
    }

    @Override
    public void unmount(Path target) throws IOException {
        call((arena, state) -> check("umount " + target, (int) UMOUNT2.invokeExact(state,
                arena.allocateFrom(target.toString()), MNT_DETACH), state));
    }

    /** Native calls with their memory, {@code errno} captured in {@code state}. */
    @FunctionalInterface
    private interface NativeCalls {
        int run(Arena arena, MemorySegment state) throws Throwable;
    }

    private static int call(NativeCalls calls) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            return calls.run(arena, arena.allocate(CALL_STATE));
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }

    private static int check(String call, int result, MemorySegment state) throws Throwable {
        if (result >= 0) {
            return result;
        }
        int errno = (int) ERRNO.get(state, 0L);
        MemorySegment message = (MemorySegment) STRERROR.invokeExact(errno);
        throw new IOException(call + " failed: " + message.reinterpret(256).getString(0));
    }
}
