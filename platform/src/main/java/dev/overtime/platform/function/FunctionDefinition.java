package dev.overtime.platform.function;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One function as a template declares it, with every intrinsic already resolved and
 * {@code Globals.Function} already merged in.
 *
 * @param logicalId     the template resource id, e.g. {@code HelloFunction}
 * @param name          the function name callers use: {@code FunctionName} if set, else the logical id
 * @param runtime       Lambda runtime identifier, e.g. {@code java21}, {@code provided.al2023}, {@code nodejs20.x}
 * @param handler       the handler string ({@code null} is allowed for {@code provided*} runtimes)
 * @param code          absolute path of the code: a folder, a {@code .jar} or a {@code .zip}
 * @param timeout       the invocation timeout (Lambda's default is 3 seconds)
 * @param memorySizeMb  memory size in MB (Lambda's default is 128)
 * @param environment   {@code Environment.Variables}, in template order
 * @param reservedConcurrency {@code ReservedConcurrentExecutions}, or {@code null} when not set
 * @param description   {@code Description}, or an empty string
 * @param freeze        whether the environment's processes are stopped between invocations
 *                      ({@code Metadata.Overtime.Freeze}); {@code null} follows the platform-wide setting
 * @param layers        absolute paths of the function's layers (folders or {@code .zip}s), in {@code Layers}
 *                      order: a later layer's files replace an earlier one's
 * @param ephemeralStorageMb {@code EphemeralStorage.Size}: the size of {@code /tmp} in MB (Lambda's default is 512)
 */
public record FunctionDefinition(
        String logicalId,
        String name,
        String runtime,
        String handler,
        Path code,
        Duration timeout,
        int memorySizeMb,
        Map<String, String> environment,
        Integer reservedConcurrency,
        String description,
        Boolean freeze,
        List<Path> layers,
        int ephemeralStorageMb) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_MEMORY_MB = 128;
    public static final int DEFAULT_EPHEMERAL_STORAGE_MB = 512;

    public FunctionDefinition(String logicalId, String name, String runtime, String handler, Path code,
                              Duration timeout, int memorySizeMb, Map<String, String> environment,
                              Integer reservedConcurrency, String description) {
        this(logicalId, name, runtime, handler, code, timeout, memorySizeMb, environment, reservedConcurrency,
                description, null);
    }

    public FunctionDefinition(String logicalId, String name, String runtime, String handler, Path code,
                              Duration timeout, int memorySizeMb, Map<String, String> environment,
                              Integer reservedConcurrency, String description, Boolean freeze) {
        this(logicalId, name, runtime, handler, code, timeout, memorySizeMb, environment, reservedConcurrency,
                description, freeze, List.of());
    }

    public FunctionDefinition(String logicalId, String name, String runtime, String handler, Path code,
                              Duration timeout, int memorySizeMb, Map<String, String> environment,
                              Integer reservedConcurrency, String description, Boolean freeze, List<Path> layers) {
        this(logicalId, name, runtime, handler, code, timeout, memorySizeMb, environment, reservedConcurrency,
                description, freeze, layers, DEFAULT_EPHEMERAL_STORAGE_MB);
    }

    /** This function with its own freeze choice, overriding the platform-wide one ({@code null}: follow it). */
    public FunctionDefinition withFreeze(Boolean choice) {
        return new FunctionDefinition(logicalId, name, runtime, handler, code, timeout, memorySizeMb, environment,
                reservedConcurrency, description, choice, layers, ephemeralStorageMb);
    }

    /** This function with the given layers instead of its own. */
    public FunctionDefinition withLayers(List<Path> newLayers) {
        return new FunctionDefinition(logicalId, name, runtime, handler, code, timeout, memorySizeMb, environment,
                reservedConcurrency, description, freeze, newLayers, ephemeralStorageMb);
    }

    /** This function with a {@code /tmp} of {@code sizeMb} instead of its own. */
    public FunctionDefinition withEphemeralStorage(int sizeMb) {
        return new FunctionDefinition(logicalId, name, runtime, handler, code, timeout, memorySizeMb, environment,
                reservedConcurrency, description, freeze, layers, sizeMb);
    }

    public FunctionDefinition {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(timeout, "timeout");
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
        description = description == null ? "" : description;
        layers = layers == null ? List.of() : List.copyOf(layers);
    }
}
