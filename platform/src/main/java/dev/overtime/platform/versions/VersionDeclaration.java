package dev.overtime.platform.versions;

import java.util.Objects;

/**
 * A version a template asks to be published at start: SAM's {@code AutoPublishAlias} (one per
 * function) or an {@code AWS::Lambda::Version} resource. At each start the function's template state
 * is published, unless the newest published version already holds the same code (and, with
 * {@code allProperties}, the same configuration), which is then reused, as CloudFormation keeps a
 * version whose logical id did not change.
 *
 * @param logicalId              the version's logical id, e.g. {@code MyFunctionVersion} (SAM's generated
 *                               id is the function's logical id + {@code Version})
 * @param description            {@code VersionDescription} / {@code Description}, or null
 * @param codeSha256             {@code AutoPublishCodeSha256} / {@code CodeSha256}: when set, a new version is
 *                               published only when this value changes, whatever the code; null otherwise
 * @param allProperties          {@code AutoPublishAliasAllProperties}: a configuration change publishes too
 * @param provisionedConcurrency {@code ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions} of an
 *                               {@code AWS::Lambda::Version}, or null
 */
public record VersionDeclaration(String logicalId, String description, String codeSha256, boolean allProperties,
                                 Integer provisionedConcurrency) {

    public VersionDeclaration {
        Objects.requireNonNull(logicalId, "logicalId");
    }
}
