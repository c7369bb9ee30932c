package dev.overtime.platform.versions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overtime.platform.testing.PlatformHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An alias with RoutingConfig sends each invocation to one of its versions, by weight, through the Invoke API. */
class WeightedAliasTest {

    private static final int INVOKES = 300;
    private static final double WEIGHT = 0.3;
    /**
     * The count on version 2 is Binomial(300, 0.3): mean 90, standard deviation sqrt(300 * 0.3 * 0.7) = 7.94.
     * A tolerance of 45 is 5.67 standard deviations: the two-sided tail is about 1.4e-8 (the binomial's
     * own tail is smaller still), so a correct router fails this test less than once in a million runs.
     */
    private static final int TOLERANCE = 45;

    @TempDir
    Path dir;

    @Test
    void weightedAlias_sendsItsShareToTheAdditionalVersion_andEachVersionRunsItsOwnConfiguration() throws Exception {
        try (PlatformHarness harness = PlatformHarness.start(dir.resolve("data"),
                Reporters.reporter(dir, "canary", "one", Map.of("COLOR", "blue")))) {
            LambdaClient lambda = harness.lambda();
            String blue = lambda.publishVersion(r -> r.functionName("canary")).version();
            lambda.updateFunctionConfiguration(r -> r.functionName("canary")
                    .environment(e -> e.variables(Map.of("COLOR", "green"))));
            String green = lambda.publishVersion(r -> r.functionName("canary")).version();
            lambda.createAlias(r -> r.functionName("canary").name("live").functionVersion(blue)
                    .routingConfig(c -> c.additionalVersionWeights(Map.of(green, WEIGHT))));

            int onGreen = 0;
            for (int i = 0; i < INVOKES; i++) {
                InvokeResponse response = Reporters.invoke(lambda, "canary", "live");
                JsonNode answer = Reporters.answer(response);
                String ran = response.executedVersion();
                assertThat(ran).isIn(blue, green);
                assertThat(answer.get("version").asText()).isEqualTo(ran);
                assertThat(answer.get("color").asText()).isEqualTo(ran.equals(green) ? "green" : "blue");
                if (ran.equals(green)) {
                    onGreen++;
                }
            }

            assertThat(onGreen).isBetween((int) (INVOKES * WEIGHT) - TOLERANCE, (int) (INVOKES * WEIGHT) + TOLERANCE);
        }
    }
}
