package dev.overtime.platform.environment;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * libc's {@code kill(2)} through the FFM API, final since JDK 22. Compiled only by a JDK 22+ build
 * and loaded only on a JDK 22+ runtime; {@link SignalPipe} falls back to its shell otherwise.
 */
public final class NativeKill {

    private static final MethodHandle KILL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("kill").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private NativeKill() {
    }

    /** {@code kill(pid, signal)}: 0 on success, -1 on failure (e.g. the process is gone). */
    public static int kill(int pid, int signal) throws Throwable {
        return (int) KILL.invokeExact(pid, signal);
    }
}
