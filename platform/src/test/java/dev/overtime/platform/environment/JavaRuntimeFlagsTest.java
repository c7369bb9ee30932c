package dev.overtime.platform.environment;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class JavaRuntimeFlagsTest {

    @Test
    void withoutUserOptions_theFlagsAreAwssAndASmallTouchedHeap() {
        assertThat(JavaRuntimeFlags.forFunction(256, null)).containsExactly(
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:MaxHeapSize=222822k",
                "-Xms32m", "-XX:+AlwaysPreTouch");
        assertThat(JavaRuntimeFlags.forFunction(256, "  ")).hasSize(6);
    }

    @Test
    void userInitialHeapOrAnyHeapSize_keepsTheSmallTouchedHeapOut() {
        for (String own : List.of("-Xms256m", "-Xmn8m", "-XX:-AlwaysPreTouch", "-XX:InitialHeapSize=64m",
                "-XX:NewRatio=3", "-Xmx16m")) {
            assertThat(JavaRuntimeFlags.forFunction(256, own)).as(own)
                    .doesNotContain("-Xms32m", "-XX:+AlwaysPreTouch").contains("-XX:+UseSerialGC");
        }
    }

    @Test
    void userGcAndTiering_replaceTheDefaultsForThoseOnly() {
        assertThat(JavaRuntimeFlags.forFunction(512, "-XX:+UseParallelGC  -XX:TieredStopAtLevel=4"))
                .containsExactly("-Xshare:auto", "-XX:MaxHeapSize=445644k", "-Xms32m", "-XX:+AlwaysPreTouch");
        assertThat(JavaRuntimeFlags.forFunction(512, "-XX:-TieredCompilation -XX:+UseShenandoahGC"))
                .containsExactly("-Xshare:auto", "-XX:MaxHeapSize=445644k", "-Xms32m", "-XX:+AlwaysPreTouch");
    }

    @Test
    void userHeapOrSharing_replaceThoseDefaults() {
        assertThat(JavaRuntimeFlags.forFunction(128, "-Xmx64m -Xshare:off"))
                .containsExactly("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        assertThat(JavaRuntimeFlags.forFunction(128, "-XX:MaxRAMPercentage=50 -XX:AOTCache=app.aot"))
                .containsExactly("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }

    @Test
    void optionsThatOnlyLookAlike_leaveTheDefaults() {
        // A GC tuning flag is not a GC choice; a system property naming a flag is not the flag.
        assertThat(JavaRuntimeFlags.forFunction(128, "-XX:+UseGCOverheadLimit -Dnote=-Xmx1g -XX:-UseSerialGC"))
                .hasSize(6);
    }

    @Test
    void archiveFlags_takeThePlaceOfXshareAuto() {
        Supplier<List<String>> archive = () -> List.of("-XX:AOTCache=a.aot", "-Xlog:aot=off");

        assertThat(JavaRuntimeFlags.forFunction(256, null, archive)).containsExactly("-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:AOTCache=a.aot", "-Xlog:aot=off", "-XX:MaxHeapSize=222822k",
                "-Xms32m", "-XX:+AlwaysPreTouch");
        // The archive serves any heap size and tiering.
        assertThat(JavaRuntimeFlags.forFunction(256, "-Xmx100m -XX:TieredStopAtLevel=4", archive))
                .containsExactly("-XX:+UseSerialGC", "-XX:AOTCache=a.aot", "-Xlog:aot=off");
    }

    @Test
    void noArchiveYet_leavesXshareAuto() {
        assertThat(JavaRuntimeFlags.forFunction(256, null, List::of))
                .isEqualTo(JavaRuntimeFlags.forFunction(256, null));
    }

    @Test
    void userGcOrSharing_keepsTheArchiveOut_withoutAskingForOne() {
        // Asking would start making an archive that this function would never use.
        Supplier<List<String>> never = () -> {
            throw new AssertionError("asked for the archive");
        };

        assertThat(JavaRuntimeFlags.forFunction(256, "-XX:+UseZGC", never))
                .containsExactly("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:MaxHeapSize=222822k", "-Xms32m",
                        "-XX:+AlwaysPreTouch");
        assertThat(JavaRuntimeFlags.forFunction(256, "-Xshare:off", never))
                .containsExactly("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MaxHeapSize=222822k",
                        "-Xms32m", "-XX:+AlwaysPreTouch");
        assertThat(JavaRuntimeFlags.leavesSharingToPlatform("-XX:SharedArchiveFile=my.jsa")).isFalse();
        assertThat(JavaRuntimeFlags.leavesSharingToPlatform("-Dgreeting=hi -Xmx1g")).isTrue();
    }
}
