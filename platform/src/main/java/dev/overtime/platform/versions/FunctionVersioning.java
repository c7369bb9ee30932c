package dev.overtime.platform.versions;

import java.util.List;
import java.util.Set;

/**
 * What a template says about one function's versions and aliases, and which of the function's
 * properties it sets (those win over changes made through the API, at every start).
 *
 * @param versions           declared versions, in template order (published in that order)
 * @param aliases            declared aliases, in template order
 * @param templateProperties the configuration properties the template (or its Globals) sets explicitly, by
 *                           their API names: {@code Runtime}, {@code Handler}, {@code Code}, {@code Timeout},
 *                           {@code MemorySize}, {@code Environment}, {@code Description}, {@code Layers}
 */
public record FunctionVersioning(List<VersionDeclaration> versions, List<AliasDeclaration> aliases,
                                 Set<String> templateProperties) {

    public static final FunctionVersioning NONE = new FunctionVersioning(List.of(), List.of(), Set.of());

    public FunctionVersioning {
        versions = List.copyOf(versions);
        aliases = List.copyOf(aliases);
        templateProperties = Set.copyOf(templateProperties);
    }
}
