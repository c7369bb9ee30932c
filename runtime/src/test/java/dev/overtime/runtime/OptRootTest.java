package dev.overtime.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the runtime looks for layers' Java libraries. */
class OptRootTest {

    @Test
    void optRoot_withoutLayers_isAwsPlace() {
        assertThat(Main.optRoot(Map.of())).isEqualTo("/opt/java");
    }

    @Test
    void optRoot_withOvertimeOpt_isItsJavaFolder() {
        assertThat(Main.optRoot(Map.of("OVERTIME_OPT", "/data/layers/fn/opt"))).isEqualTo("/data/layers/fn/opt/java");
    }
}
