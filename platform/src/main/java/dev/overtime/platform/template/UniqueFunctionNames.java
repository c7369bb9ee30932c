package dev.overtime.platform.template;

import java.util.HashMap;
import java.util.Map;

/** Checks that no two functions share a name, since callers invoke functions by name. */
final class UniqueFunctionNames {

    private final Map<String, TemplateResource> byName = new HashMap<>();

    void add(TemplateResource function, String name) {
        TemplateResource first = byName.putIfAbsent(name, function);
        if (first != null) {
            TemplateValue where = function.properties().get("FunctionName").orElse(function.definition());
            throw TemplateProblem.at(where, "expected a function name no other function has, found '" + name
                    + "', already the name of " + first.logicalId() + " (line " + first.definition().line() + ")");
        }
    }
}
