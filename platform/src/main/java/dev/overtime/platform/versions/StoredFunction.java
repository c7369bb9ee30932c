package dev.overtime.platform.versions;

import dev.overtime.platform.function.FunctionDefinition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the data folder keeps of one function between runs: the changes made to {@code $LATEST}
 * through the API, the published versions, the aliases and the provisioned concurrency settings.
 *
 * @param nextVersion the number the next published version gets (numbers are never reused, as on AWS)
 * @param latest      changes made to {@code $LATEST} through the API
 * @param versions    published versions, oldest first
 * @param aliases     aliases, in creation order
 * @param provisioned provisioned concurrency by qualifier (alias name or version number)
 */
public record StoredFunction(int nextVersion, ConfigurationChange latest, List<StoredVersion> versions,
                             List<StoredAlias> aliases, Map<String, Integer> provisioned) {

    public static StoredFunction empty() {
        return new StoredFunction(1, ConfigurationChange.NONE, List.of(), List.of(), Map.of());
    }

    public StoredFunction {
        latest = latest == null ? ConfigurationChange.NONE : latest;
        versions = versions == null ? List.of() : List.copyOf(versions);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        provisioned = provisioned == null ? Map.of() : new LinkedHashMap<>(provisioned);
    }

    /**
     * One published version.
     *
     * @param declaredSha the {@code AutoPublishCodeSha256} it was published for, or null
     */
    public record StoredVersion(String version, Snapshot definition, String codeSha256, long codeSize,
                                long codeModifiedMillis, long publishedMillis, String declaredSha) {
    }

    public record StoredAlias(String name, String version, String additionalVersion, double weight,
                              String description, String revisionId) {
    }

    /**
     * A {@link FunctionDefinition} in a form that JSON holds.
     *
     * @param ephemeralStorageMb null in versions stored before it was kept: they had Lambda's default
     */
    public record Snapshot(String logicalId, String name, String runtime, String handler, String code,
                           long timeoutMillis, int memorySizeMb, Map<String, String> environment,
                           Integer reservedConcurrency, String description, Boolean freeze, List<String> layers,
                           Integer ephemeralStorageMb) {

        public static Snapshot of(FunctionDefinition d) {
            return new Snapshot(d.logicalId(), d.name(), d.runtime(), d.handler(), d.code().toString(),
                    d.timeout().toMillis(), d.memorySizeMb(), d.environment(), d.reservedConcurrency(),
                    d.description(), d.freeze(), d.layers().stream().map(Path::toString).toList(),
                    d.ephemeralStorageMb());
        }

        public FunctionDefinition toDefinition() {
            return new FunctionDefinition(logicalId, name, runtime, handler, Path.of(code),
                    Duration.ofMillis(timeoutMillis), memorySizeMb, environment == null ? Map.of() : environment,
                    reservedConcurrency, description, freeze,
                    layers == null ? List.of() : layers.stream().map(Path::of).toList(),
                    ephemeralStorageMb == null ? FunctionDefinition.DEFAULT_EPHEMERAL_STORAGE_MB : ephemeralStorageMb);
        }
    }
}
