package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Mapping;

/**
 * One entry of {@code Resources}.
 *
 * @param definition the whole entry (Type, Properties, Condition, ...)
 * @param properties its {@code Properties}, empty when it has none
 */
record TemplateResource(String logicalId, String type, Mapping definition, Mapping properties) {

    TemplateResource withProperties(Mapping newProperties) {
        return new TemplateResource(logicalId, type, definition, newProperties);
    }
}
