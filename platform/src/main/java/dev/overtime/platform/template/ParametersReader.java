package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Scalar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code Parameters} section and settles each parameter's value from overrides and defaults. */
final class ParametersReader {

    private ParametersReader() {
    }

    /**
     * @param section   the {@code Parameters} section, if the template has one
     * @param overrides values given by the user, by parameter name
     * @param warnings  collects overrides for parameters the template does not declare
     * @return the parameters by name, in template order
     */
    static Map<String, TemplateParameter> read(
            Optional<TemplateValue> section, Map<String, String> overrides, List<String> warnings) {
        Map<String, TemplateParameter> parameters = new LinkedHashMap<>();
        if (section.isPresent()) {
            if (!(section.get() instanceof Mapping declarations)) {
                throw TemplateProblem.expected(section.get(), "a map of parameter declarations");
            }
            declarations.entries().forEach((name, declaration) ->
                    parameters.put(name, parameter(name, declaration, overrides)));
        }
        overrides.keySet().stream()
                .filter(name -> !parameters.containsKey(name))
                .forEach(name -> warnings.add(
                        "parameter override '" + name + "': the template declares no such parameter; ignored"));
        return parameters;
    }

    private static TemplateParameter parameter(String name, TemplateValue declaration, Map<String, String> overrides) {
        if (!(declaration instanceof Mapping decl)) {
            throw TemplateProblem.expected(declaration, "a map with a Type and optionally a Default");
        }
        TemplateValue typeValue = decl.get("Type").orElseThrow(() -> new TemplateProblem(decl.line(),
                decl.childPath("Type"), "required: expected one of " + String.join(", ",
                TemplateParameter.RESOLVED_TYPES) + " (or another CloudFormation parameter type), found nothing"));
        if (!(typeValue instanceof Scalar type) || type.isNull()) {
            throw TemplateProblem.expected(typeValue, "a parameter type such as String");
        }
        Optional<Scalar> defaultValue = defaultOf(decl);
        String override = overrides.get(name);
        if (override == null && defaultValue.isEmpty()) {
            throw new TemplateProblem(decl.line(), decl.path(),
                    "no value: expected a Default in the template or a parameter override for '" + name
                            + "', found neither");
        }
        TemplateParameter parameter = new TemplateParameter(
                name, type.text(), override != null ? override : defaultValue.get().text(), decl);
        ParameterConstraints.check(parameter, decl, override != null ? decl : defaultValue.get(),
                override != null ? "the parameter override" : "the Default");
        return parameter;
    }

    private static Optional<Scalar> defaultOf(Mapping decl) {
        Optional<TemplateValue> value = decl.get("Default");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!(value.get() instanceof Scalar scalar) || scalar.isNull()) {
            throw TemplateProblem.expected(value.get(), "a text or number Default");
        }
        return Optional.of(scalar);
    }
}
