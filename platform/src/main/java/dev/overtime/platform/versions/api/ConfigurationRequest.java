package dev.overtime.platform.versions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.environment.RuntimeFamily;
import dev.overtime.platform.function.ReservedEnvironmentKeys;
import dev.overtime.platform.invoke.ApiError;
import dev.overtime.platform.invoke.LambdaApiException;
import dev.overtime.platform.versions.ConfigurationChange;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** An UpdateFunctionConfiguration body, checked as AWS checks it, as a {@link ConfigurationChange}. */
final class ConfigurationRequest {

    /** Fields of UpdateFunctionConfiguration that configure what Overtime does not emulate. */
    private static final List<String> NOT_SERVED = List.of("Role", "VpcConfig", "DeadLetterConfig", "KMSKeyArn",
            "TracingConfig", "Layers", "FileSystemConfigs", "ImageConfig", "SnapStart",
            "LoggingConfig", "CapacityProviderConfig");
    private static final Pattern HANDLER = Pattern.compile("[^\\s]+");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[a-zA-Z]([a-zA-Z0-9_])+");
    private static final int MAX_VARIABLES_BYTES = 4 * 1024;

    private ConfigurationRequest() {
    }

    static ConfigurationChange read(RequestBody body, ObjectMapper json) throws LambdaApiException {
        for (String field : NOT_SERVED) {
            if (body.has(field)) {
                throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE, "Overtime does not serve " + field
                        + ": it runs functions locally without it. Overtime changes Environment, Timeout, "
                        + "MemorySize, EphemeralStorage, Handler, Description and Runtime through this API.");
            }
        }
        Integer timeout = body.integer("Timeout");
        Validation.range(timeout, "timeout", 1, 900);
        Integer memory = body.integer("MemorySize");
        Validation.range(memory, "memorySize", 128, 10_240);
        Integer ephemeralStorage = ephemeralStorage(body.object("EphemeralStorage"));
        String handler = body.text("Handler");
        Validation.length(handler, "handler", 0, 128);
        Validation.pattern(handler, "handler", HANDLER);
        String description = body.text("Description");
        Validation.length(description, "description", 0, 256);
        String runtime = runtime(body.text("Runtime"));
        Map<String, String> environment = environment(body.object("Environment"), json);
        return new ConfigurationChange(runtime, handler, timeout, memory, ephemeralStorage, environment, description,
                null, null);
    }

    /** {@code EphemeralStorage.Size}, which AWS requires whenever EphemeralStorage is given. */
    private static Integer ephemeralStorage(ObjectNode storage) throws LambdaApiException {
        if (storage == null) {
            return null;
        }
        JsonNode size = storage.get("Size");
        if (size == null || size.isNull()) {
            throw Validation.failed(null, "ephemeralStorage.size", "not be null");
        }
        if (!size.isIntegralNumber() || !size.canConvertToInt()) {
            throw RequestBody.wrongType("EphemeralStorage.Size", "an integer");
        }
        Validation.range(size.intValue(), "ephemeralStorage.size", 512, 10_240);
        return size.intValue();
    }

    private static String runtime(String runtime) throws LambdaApiException {
        if (runtime == null) {
            return null;
        }
        try {
            RuntimeFamily.of(runtime);
            return runtime;
        } catch (IllegalArgumentException e) {
            List<String> served = Arrays.stream(RuntimeFamily.values())
                    .flatMap(f -> f.identifiers().stream()).toList();
            throw Validation.failed(runtime, "runtime", "satisfy enum value set: " + served
                    + " (the runtimes Overtime runs)");
        }
    }

    /** {@code Environment.Variables}, all of them: an Environment without Variables clears them, as on AWS. */
    private static Map<String, String> environment(ObjectNode environment, ObjectMapper json)
            throws LambdaApiException {
        if (environment == null) {
            return null;
        }
        JsonNode variables = environment.get("Variables");
        Map<String, String> result = new LinkedHashMap<>();
        if (variables == null || variables.isNull()) {
            return result;
        }
        if (!variables.isObject()) {
            throw RequestBody.wrongType("Environment.Variables", "an object");
        }
        for (Map.Entry<String, JsonNode> variable : variables.properties()) {
            String key = variable.getKey();
            if (!VARIABLE_NAME.matcher(key).matches()) {
                throw new LambdaApiException(ApiError.VALIDATION, "1 validation error detected: "
                        + "Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy "
                        + "constraint: [Member must satisfy regular expression pattern: " + VARIABLE_NAME + "]");
            }
            if (!variable.getValue().isTextual()) {
                throw RequestBody.wrongType("Environment.Variables." + key, "a string");
            }
            result.put(key, variable.getValue().asText());
        }
        List<String> reserved = result.keySet().stream().filter(ReservedEnvironmentKeys::isReserved).toList();
        if (!reserved.isEmpty()) {
            throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE, "Lambda was unable to configure your "
                    + "environment variables because the environment variables you have provided contains reserved "
                    + "keys that are currently not supported for modification. Reserved keys used in this request: "
                    + String.join(",", reserved));
        }
        String measured;
        try {
            measured = json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (measured.getBytes(StandardCharsets.UTF_8).length > MAX_VARIABLES_BYTES) {
            throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE, "Lambda was unable to configure your "
                    + "environment variables because the environment variables you have provided exceeded the 4KB "
                    + "limit. String measured: " + measured);
        }
        return result;
    }

}
