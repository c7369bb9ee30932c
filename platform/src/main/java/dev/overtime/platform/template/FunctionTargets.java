package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Mapping;
import java.util.Collection;
import java.util.Set;

/**
 * Finds the template function a {@code FunctionName} property points at: a name, a {@code !Ref}, an ARN
 * or a partial ARN, any of them with a version or alias after the name.
 */
final class FunctionTargets {

    private final IntrinsicResolver resolver;
    private final Set<String> functionNames;

    /** @param functionNames the names of the template's functions */
    FunctionTargets(IntrinsicResolver resolver, Collection<String> functionNames) {
        this.resolver = resolver;
        this.functionNames = Set.copyOf(functionNames);
    }

    /** The function {@code properties.FunctionName} points at, which must be one the template defines. */
    QualifiedFunction required(Mapping properties) {
        return find(properties.get("FunctionName").orElseThrow(() ->
                TemplateProblem.required(properties, "FunctionName", VersionArns.FUNCTION_EXPECTED)));
    }

    /** The function the written value points at, which must be one the template defines. */
    QualifiedFunction find(TemplateValue written) {
        String expected = VersionArns.FUNCTION_EXPECTED;
        TemplateValue value = resolver.resolve(written).orElseThrow(() -> TemplateProblem.expected(written, expected));
        String text = PropertyValues.text(value, expected);
        QualifiedFunction function = QualifiedFunction.parse(text);
        if (!functionNames.contains(function.name())) {
            throw TemplateProblem.at(value, "expected " + expected + ", found '" + text
                    + "', which the template does not define");
        }
        return function;
    }
}
