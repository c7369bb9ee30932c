package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Scalar;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the {@code Resources} section into {@link TemplateResource}s, checking each has a Type. */
final class ResourcesReader {

    private ResourcesReader() {
    }

    /** The resources by logical id, in template order. */
    static Map<String, TemplateResource> read(Mapping root) {
        TemplateValue section = root.get("Resources").orElseThrow(() -> new TemplateProblem(root.line(),
                "Resources", "required: expected a map of resources, found nothing"));
        if (!(section instanceof Mapping resources)) {
            throw TemplateProblem.expected(section, "a map of resources");
        }
        if (resources.entries().isEmpty()) {
            throw TemplateProblem.at(resources, "expected at least one resource, found none");
        }
        Map<String, TemplateResource> read = new LinkedHashMap<>();
        resources.entries().forEach((logicalId, definition) -> read.put(logicalId, resource(logicalId, definition)));
        return read;
    }

    private static TemplateResource resource(String logicalId, TemplateValue value) {
        if (!(value instanceof Mapping definition)) {
            throw TemplateProblem.expected(value, "a map with a Type and Properties");
        }
        TemplateValue type = definition.get("Type").orElseThrow(() -> new TemplateProblem(definition.line(),
                definition.childPath("Type"), "required: expected a resource type such as "
                        + ResourceTypes.SERVERLESS_FUNCTION + ", found nothing"));
        if (!(type instanceof Scalar typeName) || typeName.isNull()) {
            throw TemplateProblem.expected(type, "a resource type such as " + ResourceTypes.SERVERLESS_FUNCTION);
        }
        Mapping none = Mapping.empty(definition.line(), definition.childPath("Properties"));
        TemplateValue properties = definition.get("Properties").orElse(none);
        if (properties instanceof Scalar scalar && scalar.isNull()) {
            return new TemplateResource(logicalId, typeName.text(), definition, none);
        }
        if (properties instanceof Mapping propertiesMap) {
            return new TemplateResource(logicalId, typeName.text(), definition, propertiesMap);
        }
        if (ResourceTypes.hasReadProperties(typeName.text())) {
            throw TemplateProblem.expected(properties, "a map of properties");
        }
        // Overtime never reads the properties of other types, so their shape is not its concern.
        return new TemplateResource(logicalId, typeName.text(), definition, none);
    }
}
