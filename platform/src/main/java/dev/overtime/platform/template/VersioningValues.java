package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Mapping;
import java.util.Locale;
import java.util.Optional;

/** Reads the values SAM's AutoPublishAlias properties and the version and alias resources have in common. */
final class VersioningValues {

    private static final String PROVISIONED = "ProvisionedConcurrencyConfig";
    private static final String PROVISIONED_EXECUTIONS = "ProvisionedConcurrentExecutions";
    private static final int MAX_DESCRIPTION_LENGTH = 256;

    private final IntrinsicResolver resolver;

    VersioningValues(IntrinsicResolver resolver) {
        this.resolver = resolver;
    }

    /** The value as written, unless it is left out by {@code !Ref AWS::NoValue}. */
    Optional<TemplateValue> present(Mapping properties, String key) {
        return properties.get(key).filter(value -> !IntrinsicResolver.isNoValue(value));
    }

    Optional<TemplateValue> resolved(Mapping properties, String key) {
        return properties.get(key).flatMap(resolver::resolve);
    }

    /** The text of {@code key}, or null when it is not set. */
    String text(Mapping properties, String key, String expected) {
        return resolved(properties, key).map(value -> PropertyValues.text(value, expected)).orElse(null);
    }

    /** A {@code Description}, or null. */
    String description(Mapping properties, String key) {
        String expected = "a description of at most " + MAX_DESCRIPTION_LENGTH + " characters";
        return resolved(properties, key).map(value -> {
            String description = PropertyValues.text(value, expected);
            if (description.length() > MAX_DESCRIPTION_LENGTH) {
                throw TemplateProblem.at(value, "expected " + expected + ", found " + description.length()
                        + " characters");
            }
            return description;
        }).orElse(null);
    }

    boolean bool(Mapping properties, String key) {
        return resolved(properties, key).map(value -> switch (PropertyValues.text(value, "true or false")
                .toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw TemplateProblem.expected(value, "true or false");
        }).orElse(false);
    }

    /** {@code ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions}, or null when not set. */
    Integer provisionedConcurrency(Mapping properties) {
        return resolved(properties, PROVISIONED).map(config -> {
            if (!(config instanceof Mapping mapping)) {
                throw TemplateProblem.expected(config, "a map with " + PROVISIONED_EXECUTIONS);
            }
            String expected = "an integer of 1 or more";
            TemplateValue executions = mapping.get(PROVISIONED_EXECUTIONS)
                    .orElseThrow(() -> TemplateProblem.required(mapping, PROVISIONED_EXECUTIONS, expected));
            return (int) PropertyValues.integer(executions, 1, Integer.MAX_VALUE, expected);
        }).orElse(null);
    }
}
