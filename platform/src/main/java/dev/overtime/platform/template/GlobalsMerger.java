package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Sequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies {@code Globals.Function} to the properties of an {@code AWS::Serverless::Function} the way
 * SAM does: the resource's value wins for scalars (and for intrinsics, which SAM treats as
 * scalars), maps are merged key by key with the resource winning, lists are concatenated
 * globals first. Values keep the line and path they were written at, so an error in a global
 * value points at {@code Globals}.
 */
final class GlobalsMerger {

    private final Mapping functionGlobals;

    private GlobalsMerger(Mapping functionGlobals) {
        this.functionGlobals = functionGlobals;
    }

    /** A merger for the template's {@code Globals} section; it merges nothing when there is no Globals.Function. */
    static GlobalsMerger from(Optional<TemplateValue> globalsSection) {
        if (globalsSection.isEmpty()) {
            return new GlobalsMerger(Mapping.empty(0, "Globals.Function"));
        }
        if (!(globalsSection.get() instanceof Mapping globals)) {
            throw TemplateProblem.expected(globalsSection.get(), "a map of Globals sections such as Function");
        }
        Optional<TemplateValue> function = globals.get("Function");
        if (function.isEmpty()) {
            return new GlobalsMerger(Mapping.empty(globals.line(), globals.childPath("Function")));
        }
        if (!(function.get() instanceof Mapping functionGlobals)) {
            throw TemplateProblem.expected(function.get(), "a map of function properties");
        }
        return new GlobalsMerger(functionGlobals);
    }

    /** The function's properties with the globals merged in. */
    Mapping mergeInto(Mapping properties) {
        return (Mapping) merge(functionGlobals, properties);
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
