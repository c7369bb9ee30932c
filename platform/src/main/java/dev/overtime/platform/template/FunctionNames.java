package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Scalar;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Works out function names on demand, because a {@code FunctionName} may itself refer to another
 * function ({@code !Sub "${Other}-copy"}); it reports such references going round in a circle.
 */
final class FunctionNames {

    private final Map<String, TemplateResource> resources;
    private final IntrinsicResolver resolver;
    private final Map<String, String> known = new HashMap<>();
    private final Set<String> inProgress = new LinkedHashSet<>();

    FunctionNames(Map<String, TemplateResource> resources, IntrinsicResolver resolver) {
        this.resources = resources;
        this.resolver = resolver;
    }

    /** The resolved {@code FunctionName} of the function, else its logical id. */
    String of(String logicalId) {
        String name = known.get(logicalId);
        if (name != null) {
            return name;
        }
        TemplateResource function = resources.get(logicalId);
        Optional<TemplateValue> written = function.properties().get("FunctionName");
        if (written.isPresent() && !inProgress.add(logicalId)) {
            throw TemplateProblem.at(written.get(), "expected a name that does not depend on itself, found the cycle "
                    + String.join(" -> ", inProgress) + " -> " + logicalId);
        }
        try {
            name = written.flatMap(resolver::resolve).map(value -> {
                if (!(value instanceof Scalar scalar) || scalar.isNull()) {
                    throw TemplateProblem.expected(value, "a function name");
                }
                return scalar.text();
            }).orElse(logicalId);
        } finally {
            inProgress.remove(logicalId);
        }
        known.put(logicalId, name);
        return name;
    }
}
