package dev.overtime.platform.versions;

import dev.overtime.platform.function.FunctionVersion;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A named pointer to a published version, optionally sending a share of invocations to a second one
 * ({@code RoutingConfig.AdditionalVersionWeights}, at most one entry on AWS).
 *
 * @param name            e.g. {@code live}
 * @param primary         the version {@code FunctionVersion} names
 * @param secondary       the additional version, or null
 * @param secondaryWeight the share of invocations {@code secondary} gets, 0 to 1
 * @param description     never null
 * @param revisionId      changes on every update
 */
public record Alias(String name, FunctionVersion primary, FunctionVersion secondary, double secondaryWeight,
                    String description, String revisionId) {

    public Alias {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(primary, "primary");
        description = description == null ? "" : description;
        if (secondary == null) {
            secondaryWeight = 0;
        }
    }

    /** The version one invocation runs: the weights decide, per invocation. */
    public FunctionVersion pick() {
        if (secondary == null || ThreadLocalRandom.current().nextDouble() >= secondaryWeight) {
            return primary;
        }
        return secondary;
    }

    /** Whether this alias sends any invocation to {@code version}. */
    public boolean uses(String version) {
        return primary.version().equals(version) || (secondary != null && secondary.version().equals(version));
    }
}
