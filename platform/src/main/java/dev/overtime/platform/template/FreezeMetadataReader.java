package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Mapping;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads a function's own freeze choice from its resource's {@code Metadata: {Overtime: {Freeze: true}}}:
 * Metadata is where CloudFormation lets tools keep their settings without changing the deployed function.
 */
final class FreezeMetadataReader {

    private static final String EXPECTED = "true or false";

    private FreezeMetadataReader() {
    }

    /** The function's choice, or null when it makes none and follows the platform-wide setting. */
    static Boolean read(TemplateResource function, IntrinsicResolver resolver) {
        // Only our own key is resolved: other tools' metadata may hold anything.
        Optional<TemplateValue> value = function.definition().get("Metadata")
                .flatMap(metadata -> child(metadata, "Overtime"))
                .flatMap(overtime -> child(overtime, "Freeze"))
                .flatMap(resolver::resolve);
        if (value.isEmpty()) {
            return null;
        }
        return switch (PropertyValues.text(value.get(), EXPECTED).toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw TemplateProblem.expected(value.get(), EXPECTED);
        };
    }

    private static Optional<TemplateValue> child(TemplateValue parent, String key) {
        return parent instanceof Mapping mapping ? mapping.get(key) : Optional.empty();
    }
}
