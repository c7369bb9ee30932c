package dev.overtime.platform.versions;

import java.util.List;
import java.util.Objects;

/**
 * An alias a template declares: SAM's {@code AutoPublishAlias} or an {@code AWS::Lambda::Alias}.
 * It is created at start, or moved to the declared version if it exists.
 *
 * @param logicalId              e.g. {@code MyFunctionAliaslive} (SAM's generated id) or the resource's id
 * @param name                   the alias name, e.g. {@code live}
 * @param version                the version it points at
 * @param additional             {@code RoutingConfig.AdditionalVersionWeights} (at most one, as on AWS)
 * @param description            or null
 * @param provisionedConcurrency {@code ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions}, or null
 * @param deploymentPreference   SAM's {@code DeploymentPreference.Type} (e.g. {@code Canary10Percent5Minutes}),
 *                               applied all at once locally; null when none
 */
public record AliasDeclaration(String logicalId, String name, VersionReference version,
                               List<WeightedVersion> additional, String description, Integer provisionedConcurrency,
                               String deploymentPreference) {

    /** One entry of {@code AdditionalVersionWeights}: a weight from 0 to 1. */
    public record WeightedVersion(VersionReference version, double weight) {
        public WeightedVersion {
            Objects.requireNonNull(version, "version");
        }
    }

    public AliasDeclaration {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        additional = additional == null ? List.of() : List.copyOf(additional);
    }
}
