package dev.overtime.platform.environment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The JVM flags a java17/java21/java25 environment starts with: AWS's (serial GC, C1 only,
 * class-data sharing, a heap of 85% of the memory size), minus every one whose concern the
 * function's own {@code JAVA_TOOL_OPTIONS} settles.
 *
 * <p>Why: the JVM reads {@code JAVA_TOOL_OPTIONS} before its command line, so a default left on the
 * command line would silently win over the user's setting, and a second garbage collector would stop
 * the JVM from starting at all. On AWS the customisations its documentation shows (another GC,
 * tiered compilation up to C2) take effect, so here they must too.
 */
final class JavaRuntimeFlags {

    /** One default flag, and how to tell that the user's options already decide what it decides. */
    private record Default(String flag, Predicate<String> userDecides) {
    }

    private static final Pattern GC = Pattern.compile("-XX:\\+Use(Serial|Parallel|ParallelOld|G1|Z|Shenandoah|Epsilon|ConcMarkSweep)GC");
    private static final Pattern TIERED = Pattern.compile("-XX:([+-]TieredCompilation|TieredStopAtLevel=.*)");
    private static final Pattern HEAP = Pattern.compile("-Xmx.*|-XX:(MaxHeapSize|MaxRAM|MaxRAMPercentage|MaxRAMFraction)=.*");
    private static final Pattern SHARING = Pattern.compile("-Xshare:.*|-XX:(SharedArchiveFile|AOTCache)=.*");

    private JavaRuntimeFlags() {
    }

    /**
     * @param memorySizeMb    the function's MemorySize
     * @param javaToolOptions the function's {@code JAVA_TOOL_OPTIONS}, or null
     */
    static List<String> forFunction(int memorySizeMb, String javaToolOptions) {
        long heapKb = memorySizeMb * 1024L * 85 / 100;
        List<Default> defaults = List.of(
                new Default("-XX:+UseSerialGC", GC.asMatchPredicate()),
                new Default("-XX:TieredStopAtLevel=1", TIERED.asMatchPredicate()),
                new Default("-Xshare:auto", SHARING.asMatchPredicate()),
                new Default("-XX:MaxHeapSize=" + heapKb + "k", HEAP.asMatchPredicate()));
        List<String> userOptions = javaToolOptions == null ? List.of()
                : Arrays.stream(javaToolOptions.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList();
        List<String> flags = new ArrayList<>();
        for (Default d : defaults) {
            if (userOptions.stream().noneMatch(d.userDecides())) {
                flags.add(d.flag());
            }
        }
        return flags;
    }
}
