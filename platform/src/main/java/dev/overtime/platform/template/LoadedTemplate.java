package dev.overtime.platform.template;

import dev.overtime.platform.async.EventInvokeConfig;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.function.FunctionUrlDefinition;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A template Overtime can serve.
 *
 * @param file               the template file, absolute
 * @param functions          the functions, in template order
 * @param notYetServed       resources accepted but not served yet, in template order
 * @param warnings           what the template asks for that Overtime ignores, for the user to read
 * @param functionUrls       the Function URLs, in template order
 * @param eventInvokeConfigs the asynchronous invocation settings by function name, in template order,
 *                           last modified when the template was loaded
 */
public record LoadedTemplate(
        Path file,
        List<FunctionDefinition> functions,
        List<NotServedResource> notYetServed,
        List<String> warnings,
        List<FunctionUrlDefinition> functionUrls,
        Map<String, EventInvokeConfig> eventInvokeConfigs) {

    public LoadedTemplate {
        Objects.requireNonNull(file, "file");
        functions = List.copyOf(functions);
        notYetServed = List.copyOf(notYetServed);
        warnings = List.copyOf(warnings);
        functionUrls = List.copyOf(functionUrls);
        eventInvokeConfigs = Collections.unmodifiableMap(new LinkedHashMap<>(eventInvokeConfigs));
    }

    /** The function callers know by {@code name}, if the template declares it. */
    public Optional<FunctionDefinition> function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
