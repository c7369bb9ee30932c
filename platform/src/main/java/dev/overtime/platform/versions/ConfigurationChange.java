package dev.overtime.platform.versions;

import dev.overtime.platform.function.FunctionDefinition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes to {@code $LATEST} made through {@code UpdateFunctionConfiguration} and
 * {@code UpdateFunctionCode}; a null component is left as it was.
 *
 * @param ephemeralStorage the new {@code EphemeralStorage.Size}, in MB
 * @param code       the new code (a folder, {@code .zip} or {@code .jar}), absolute
 * @param codeSha256 the new code's SHA-256, when {@code code} is set
 */
public record ConfigurationChange(String runtime, String handler, Integer timeoutSeconds, Integer memorySize,
                                  Integer ephemeralStorage, Map<String, String> environment, String description,
                                  String code, String codeSha256) {

    public static final ConfigurationChange NONE =
            new ConfigurationChange(null, null, null, null, null, null, null, null, null);

    public ConfigurationChange {
        environment = environment == null ? null : new LinkedHashMap<>(environment);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** {@code later} laid over this one. */
    public ConfigurationChange then(ConfigurationChange later) {
        return new ConfigurationChange(or(later.runtime, runtime), or(later.handler, handler),
                or(later.timeoutSeconds, timeoutSeconds), or(later.memorySize, memorySize),
                or(later.ephemeralStorage, ephemeralStorage),
                or(later.environment, environment), or(later.description, description),
                or(later.code, code), later.code != null ? later.codeSha256 : codeSha256);
    }

    /** {@code definition} with these changes applied. */
    public FunctionDefinition applyTo(FunctionDefinition d) {
        return new FunctionDefinition(d.logicalId(), d.name(), or(runtime, d.runtime()), or(handler, d.handler()),
                code != null ? Path.of(code) : d.code(),
                timeoutSeconds != null ? Duration.ofSeconds(timeoutSeconds) : d.timeout(),
                memorySize != null ? memorySize : d.memorySizeMb(), or(environment, d.environment()),
                d.reservedConcurrency(), or(description, d.description()), d.freeze(), d.layers(),
                ephemeralStorage != null ? ephemeralStorage : d.ephemeralStorageMb());
    }

    /** The API property names this change sets, as the template readers name them. */
    public List<String> properties() {
        List<String> names = new ArrayList<>();
        if (runtime != null) names.add("Runtime");
        if (handler != null) names.add("Handler");
        if (code != null) names.add("Code");
        if (timeoutSeconds != null) names.add("Timeout");
        if (memorySize != null) names.add("MemorySize");
        if (ephemeralStorage != null) names.add("EphemeralStorage");
        if (environment != null) names.add("Environment");
        if (description != null) names.add("Description");
        return names;
    }

    /** This change without the properties in {@code dropped}. */
    public ConfigurationChange without(Set<String> dropped) {
        return new ConfigurationChange(dropped.contains("Runtime") ? null : runtime,
                dropped.contains("Handler") ? null : handler,
                dropped.contains("Timeout") ? null : timeoutSeconds,
                dropped.contains("MemorySize") ? null : memorySize,
                dropped.contains("EphemeralStorage") ? null : ephemeralStorage,
                dropped.contains("Environment") ? null : environment,
                dropped.contains("Description") ? null : description,
                dropped.contains("Code") ? null : code,
                dropped.contains("Code") ? null : codeSha256);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
