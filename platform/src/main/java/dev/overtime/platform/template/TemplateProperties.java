package dev.overtime.platform.template;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The configuration properties a function's template sets explicitly, by their Lambda API names. These win
 * over changes made through the API at every start; the others keep what the API set.
 */
final class TemplateProperties {

    /** Every function has code, from {@code CodeUri} or {@code Code}, which Overtime requires. */
    static final String CODE = "Code";
    /** Properties the API and both function types name alike. */
    private static final List<String> NAMED_ALIKE =
            List.of("Runtime", "Handler", "Timeout", "MemorySize", "EphemeralStorage", "Environment", "Description",
                    "Layers");

    private TemplateProperties() {
    }

    /** @param function a function resource, {@code Globals} already merged in */
    static Set<String> of(TemplateResource function) {
        Set<String> set = new LinkedHashSet<>();
        set.add(CODE);
        NAMED_ALIKE.stream()
                .filter(name -> function.properties().get(name).filter(value -> !IntrinsicResolver.isNoValue(value))
                        .isPresent())
                .forEach(set::add);
        return set;
    }
}
