package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Mapping;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The layers a template declares: an {@code AWS::Serverless::LayerVersion} is served from its local
 * {@code ContentUri}; an {@code AWS::Lambda::LayerVersion} keeps its content in S3, so it is declared
 * but has no content Overtime can serve.
 */
final class TemplateLayers {

    static final String SERVERLESS_LAYER = "AWS::Serverless::LayerVersion";
    static final String LAMBDA_LAYER = "AWS::Lambda::LayerVersion";

    /** Content by logical id; {@code null} for a declared layer whose content is not served. */
    private final Map<String, Path> contents;

    private TemplateLayers(Map<String, Path> contents) {
        this.contents = contents;
    }

    static boolean isLayer(String type) {
        return type.equals(SERVERLESS_LAYER) || type.equals(LAMBDA_LAYER);
    }

    /**
     * Reads and checks every layer resource, even one no function uses, so that a wrong
     * {@code ContentUri} fails the template where it is written.
     */
    static TemplateLayers read(Map<String, TemplateResource> resources, Path templateFolder,
            IntrinsicResolver resolver, List<String> warnings) {
        Map<String, Path> contents = new LinkedHashMap<>();
        for (TemplateResource resource : resources.values()) {
            if (resource.type().equals(SERVERLESS_LAYER)) {
                contents.put(resource.logicalId(), contentUri(resource, templateFolder, resolver));
            } else if (resource.type().equals(LAMBDA_LAYER)) {
                warnings.add(resource.logicalId() + ".Content: layer content in S3 is not served; functions run "
                        + "without this layer (use " + SERVERLESS_LAYER + " with a local ContentUri)");
                contents.put(resource.logicalId(), null);
            }
        }
        return new TemplateLayers(contents);
    }

    boolean declares(String logicalId) {
        return contents.containsKey(logicalId);
    }

    /** The local content of a declared layer, empty when it is not served. */
    Optional<Path> content(String logicalId) {
        return Optional.ofNullable(contents.get(logicalId));
    }

    private static Path contentUri(TemplateResource layer, Path templateFolder, IntrinsicResolver resolver) {
        Mapping properties = layer.properties();
        TemplateValue content = properties.get("ContentUri").flatMap(resolver::resolve)
                .orElseThrow(() -> new TemplateProblem(properties.line(), properties.childPath("ContentUri"),
                        "required: expected " + CodeLocation.EXPECTED + ", found nothing"));
        return CodeLocation.of(content, templateFolder);
    }
}
