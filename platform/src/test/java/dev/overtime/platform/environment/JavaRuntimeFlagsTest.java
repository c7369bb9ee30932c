package dev.overtime.platform.environment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JavaRuntimeFlagsTest {

    @Test
    void withoutUserOptions_theFlagsAreAwss() {
        assertThat(JavaRuntimeFlags.forFunction(256, null)).containsExactly(
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:MaxHeapSize=222822k");
        assertThat(JavaRuntimeFlags.forFunction(256, "  ")).hasSize(4);
    }

    @Test
    void userGcAndTiering_replaceTheDefaultsForThoseOnly() {
        assertThat(JavaRuntimeFlags.forFunction(512, "-XX:+UseParallelGC  -XX:TieredStopAtLevel=4"))
                .containsExactly("-Xshare:auto", "-XX:MaxHeapSize=445644k");
        assertThat(JavaRuntimeFlags.forFunction(512, "-XX:-TieredCompilation -XX:+UseShenandoahGC"))
                .containsExactly("-Xshare:auto", "-XX:MaxHeapSize=445644k");
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
                .hasSize(4);
    }
}
