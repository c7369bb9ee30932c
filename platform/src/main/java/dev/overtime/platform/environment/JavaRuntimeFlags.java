package dev.overtime.platform.environment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The JVM flags a java17/java21/java25 environment starts with: AWS's (serial GC, C1 only,
 * class-data sharing, a heap of 85% of the memory size) and a small pre-touched initial heap, minus
 * every one whose concern the
 * function's own {@code JAVA_TOOL_OPTIONS} settles. With a class-data archive of the runtime, the
 * flags that use it take the place of {@code -Xshare:auto}.
 *
 * <p>Why: the JVM reads {@code JAVA_TOOL_OPTIONS} before its command line, so a default left on the
 * command line would silently win over the user's setting, and a second garbage collector would stop
 * the JVM from starting at all. On AWS the customisations its documentation shows (another GC,
 * tiered compilation up to C2) take effect, so here they must too.
 */
final class JavaRuntimeFlags {

    /** Default flags, and how to tell that the user's options already decide what they decide. */
    private record Default(List<String> flags, Predicate<String> userDecides) {
    }

    private static final Pattern GC = Pattern.compile("-XX:\\+Use(Serial|Parallel|ParallelOld|G1|Z|Shenandoah|Epsilon|ConcMarkSweep)GC");
    private static final Pattern TIERED = Pattern.compile("-XX:([+-]TieredCompilation|TieredStopAtLevel=.*)");
    private static final Pattern HEAP = Pattern.compile("-Xmx.*|-XX:(MaxHeapSize|MaxRAM|MaxRAMPercentage|MaxRAMFraction)=.*");
    private static final Pattern SHARING = Pattern.compile("-Xshare:.*|-XX:(SharedArchiveFile|AOTCache)=.*");
    private static final Pattern INITIAL_HEAP = Pattern.compile(
            "-Xms.*|-Xmn.*|-XX:[+-]AlwaysPreTouch|-XX:(InitialHeapSize|MinHeapSize|NewSize|MaxNewSize|NewRatio|InitialRAMPercentage)=.*");

    /**
     * Not AWS's: a small initial heap, touched at start. A fresh JVM's first pass over a large eden
     * faults in every page, and 16 fresh JVMs under load ran at half speed for over 30 s; with these
     * two flags they reached full speed within 15 s (docs/benchmarks.md, "Warm-up"). A user who sizes
     * the heap, even only its maximum (which may be below 32 MB), decides this too.
     */
    private static final List<String> SMALL_TOUCHED_HEAP = List.of("-Xms32m", "-XX:+AlwaysPreTouch");

    private JavaRuntimeFlags() {
    }

    /**
     * @param memorySizeMb    the function's MemorySize
     * @param javaToolOptions the function's {@code JAVA_TOOL_OPTIONS}, or null
     */
    static List<String> forFunction(int memorySizeMb, String javaToolOptions) {
        return forFunction(memorySizeMb, javaToolOptions, List::of);
    }

    /**
     * @param archive the flags that use the runtime's class-data archive (empty while there is none),
     *                asked for only when the function's options leave both sharing and the garbage
     *                collector to the platform: the archive was made with the default collector, and
     *                with another one it may be refused together with the JDK's own archive, or, for
     *                the AOT cache, clash with the user's {@code -Xshare} and stop the JVM from starting
     */
    static List<String> forFunction(int memorySizeMb, String javaToolOptions, Supplier<List<String>> archive) {
        List<String> userOptions = options(javaToolOptions);
        List<String> sharing = leavesSharingToPlatform(userOptions) ? archive.get() : List.of();
        long heapKb = memorySizeMb * 1024L * 85 / 100;
        List<Default> defaults = List.of(
                new Default(List.of("-XX:+UseSerialGC"), GC.asMatchPredicate()),
                new Default(List.of("-XX:TieredStopAtLevel=1"), TIERED.asMatchPredicate()),
                new Default(sharing.isEmpty() ? List.of("-Xshare:auto") : sharing, SHARING.asMatchPredicate()),
                new Default(List.of("-XX:MaxHeapSize=" + heapKb + "k"), HEAP.asMatchPredicate()),
                new Default(SMALL_TOUCHED_HEAP, HEAP.asMatchPredicate().or(INITIAL_HEAP.asMatchPredicate())));
        List<String> flags = new ArrayList<>();
        for (Default d : defaults) {
            if (userOptions.stream().noneMatch(d.userDecides())) {
                flags.addAll(d.flags());
            }
        }
        return flags;
    }

    /** Whether a function with these {@code JAVA_TOOL_OPTIONS} (or null) would use a class-data archive. */
    static boolean leavesSharingToPlatform(String javaToolOptions) {
        return leavesSharingToPlatform(options(javaToolOptions));
    }

    private static boolean leavesSharingToPlatform(List<String> userOptions) {
        return userOptions.stream().noneMatch(GC.asMatchPredicate().or(SHARING.asMatchPredicate()));
    }

    private static List<String> options(String javaToolOptions) {
        return javaToolOptions == null ? List.of()
                : Arrays.stream(javaToolOptions.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList();
    }
}
