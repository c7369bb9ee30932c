package dev.overtime.platform.function;

import dev.overtime.platform.environment.EnvironmentPool;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One runnable version of a function: {@code $LATEST} or a published, immutable snapshot of code and
 * configuration, with environments of its own.
 *
 * @param version      {@code $LATEST} or the version's number
 * @param definition   the configuration this version runs (for a published one, with the code snapshot's path)
 * @param pool         its environments
 * @param code         size, SHA-256 and time of its code
 * @param lastModified when this version was published, or when {@code $LATEST} last changed
 */
public record FunctionVersion(String version, FunctionDefinition definition, EnvironmentPool pool, CodeFacts code,
                              Instant lastModified) {

    public static final String LATEST = "$LATEST";

    public FunctionVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(lastModified, "lastModified");
    }

    public boolean isLatest() {
        return version.equals(LATEST);
    }

    public String name() {
        return definition.name();
    }

    /** Changes whenever this version's code or configuration does, as AWS's {@code RevisionId}. */
    public String revisionId() {
        return UUID.nameUUIDFromBytes((definition.name() + "|" + version + "|" + code.sha256() + "|"
                + lastModified.toEpochMilli()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }
}
