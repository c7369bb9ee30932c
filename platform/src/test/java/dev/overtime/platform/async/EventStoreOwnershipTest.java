package dev.overtime.platform.async;

import dev.overtime.platform.testfunctions.Greeter;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One event queue, one platform: a second platform on the same data folder is refused, not let in to run events twice. */
class EventStoreOwnershipTest {

    @TempDir
    Path dir;

    @Test
    void aSecondPlatformOnTheSameDataFolderIsRefusedUntilTheFirstStops() throws Exception {
        try (PlatformHarness first = PlatformHarness.start(dir, TestFunctions.java("greeter", Greeter.class))) {
            assertThatThrownBy(() -> PlatformHarness.start(dir, TestFunctions.java("greeter", Greeter.class)))
                    .hasMessageContaining("another Overtime is using the event queue in " + dir.resolve("async"))
                    .hasMessageContaining("its own --data folder");
            assertThat(first.lambda().listFunctions().functions()).hasSize(1);
        }
        try (PlatformHarness second = PlatformHarness.start(dir, TestFunctions.java("greeter", Greeter.class))) {
            assertThat(second.lambda().listFunctions().functions()).hasSize(1);
        }
    }
}
