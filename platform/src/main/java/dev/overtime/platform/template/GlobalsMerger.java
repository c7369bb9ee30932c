package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Sequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies {@code Globals.Function} to the properties of an {@code AWS::Serverless::Function} (and
 * {@code Globals.Api} and {@code Globals.HttpApi} to SAM's APIs, the implicit ones included) the way
 * SAM does: the resource's value wins for scalars (and for intrinsics, which SAM treats as scalars),
 * maps are merged key by key with the resource winning, lists are concatenated globals first. Values keep the line and path they were written at, so an error in a global
 * value points at {@code Globals}.
 */
final class GlobalsMerger {

    private final Mapping globals;

    private GlobalsMerger(Mapping globals) {
        this.globals = globals;
    }

    /** A merger for the template's {@code Globals} section; it merges nothing when there is no Globals.Function. */
    static GlobalsMerger from(Optional<TemplateValue> globalsSection) {
        return from(globalsSection, "Function");
    }

    /**
     * A merger for one part of the template's {@code Globals} section ({@code Function}, {@code Api} or
     * {@code HttpApi}); it merges nothing when the template has no such part.
     */
    static GlobalsMerger from(Optional<TemplateValue> globalsSection, String part) {
        if (globalsSection.isEmpty()) {
            return new GlobalsMerger(Mapping.empty(0, "Globals." + part));
        }
        if (!(globalsSection.get() instanceof Mapping globals)) {
            throw TemplateProblem.expected(globalsSection.get(), "a map of Globals sections such as Function");
        }
        Optional<TemplateValue> section = globals.get(part);
        if (section.isEmpty()) {
            return new GlobalsMerger(Mapping.empty(globals.line(), globals.childPath(part)));
        }
        if (!(section.get() instanceof Mapping partGlobals)) {
            String owner = switch (part) {
                case "Function" -> "function";
                case "Api" -> "API";
                case "HttpApi" -> "HTTP API";
                default -> part;
            };
            throw TemplateProblem.expected(section.get(), "a map of " + owner + " properties");
        }
        return new GlobalsMerger(partGlobals);
    }

    /** The resource's properties with the globals merged in. */
    Mapping mergeInto(Mapping properties) {
        return (Mapping) merge(globals, properties);
    }

    /** The globals alone: the properties of a resource SAM creates implicitly, such as {@code ServerlessRestApi}. */
    Mapping globals() {
        return globals;
    }

    private static TemplateValue merge(TemplateValue global, TemplateValue local) {
        if (global instanceof Mapping globalMap && local instanceof Mapping localMap) {
            Map<String, TemplateValue> merged = new LinkedHashMap<>(globalMap.entries());
            localMap.entries().forEach((key, value) -> merged.merge(key, value, GlobalsMerger::merge));
            return new Mapping(merged, localMap.line(), localMap.path());
        }
        if (global instanceof Sequence globalList && local instanceof Sequence localList) {
            List<TemplateValue> concatenated = new ArrayList<>(globalList.items());
            concatenated.addAll(localList.items());
            return new Sequence(concatenated, localList.line(), localList.path());
        }
        return local;
    }
}
