package dev.overtime.platform.template;

import dev.overtime.platform.function.WebAdapterLayer;
import dev.overtime.platform.template.TemplateValue.Intrinsic;
import dev.overtime.platform.template.TemplateValue.Scalar;
import dev.overtime.platform.template.TemplateValue.Sequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a function's {@code Layers} into the local content of each layer, in order. A {@code !Ref} to a
 * layer of the template is served; an ARN names a layer published elsewhere, which Overtime cannot fetch, except
 * AWS Lambda Web Adapter's public layer, whose place Overtime's own adapter layer takes ({@link WebAdapterLayer}).
 */
final class FunctionLayersReader {

    /** Lambda's limit on the layers of one function. */
    static final int MAX_LAYERS = 5;
    private static final String EXPECTED = "!Ref to a layer of the template or a layer ARN";

    private final TemplateLayers layers;
    private final IntrinsicResolver resolver;
    private final List<String> warnings;

    FunctionLayersReader(TemplateLayers layers, IntrinsicResolver resolver, List<String> warnings) {
        this.layers = layers;
        this.resolver = resolver;
        this.warnings = warnings;
    }

    /** @param function a function resource, {@code Globals} already merged in */
    List<Path> read(TemplateResource function) {
        TemplateValue written = function.properties().get("Layers").orElse(null);
        if (written == null) {
            return List.of();
        }
        List<TemplateValue> items = items(written);
        if (items.size() > MAX_LAYERS) {
            throw TemplateProblem.at(written, "expected at most " + MAX_LAYERS + " layers (the Lambda limit), found "
                    + items.size());
        }
        List<Path> contents = new ArrayList<>();
        for (TemplateValue item : items) {
            String layer = templateLayerNamedBy(item);
            if (layer != null) {
                layers.content(layer).ifPresentOrElse(contents::add, () -> warnings.add(function.logicalId()
                        + ".Layers: " + layer + " has no content Overtime serves; ignored"));
            } else {
                String arn = PropertyValues.text(resolver.resolve(item).orElse(item), EXPECTED);
                if (!arn.startsWith("arn:")) {
                    throw TemplateProblem.expected(item, EXPECTED);
                }
                if (WebAdapterLayer.isPublicArn(arn)) {
                    contents.add(WebAdapterLayer.MARKER);
                    continue;
                }
                warnings.add(function.logicalId() + ".Layers: layer ARNs outside the template are not served; ignored ("
                        + arn + ")");
            }
        }
        return contents;
    }

    /** The items, a list parameter behind a {@code !Ref} included; {@code AWS::NoValue} items left out. */
    private List<TemplateValue> items(TemplateValue written) {
        if (written instanceof Sequence sequence) {
            return sequence.items().stream()
                    .filter(item -> templateLayerNamedBy(item) != null || resolver.resolve(item).isPresent())
                    .toList();
        }
        TemplateValue resolved = resolver.resolve(written).orElse(new Sequence(List.of(), written.line(),
                written.path()));
        if (!(resolved instanceof Sequence sequence)) {
            throw TemplateProblem.expected(written, "a list of layers (" + EXPECTED + ")");
        }
        return sequence.items();
    }

    /** The logical id when the item is {@code !Ref} to a layer of the template, else {@code null}. */
    private String templateLayerNamedBy(TemplateValue item) {
        if (item instanceof Intrinsic ref && ref.name().equals("Ref") && ref.argument() instanceof Scalar name
                && layers.declares(name.text())) {
            return name.text();
        }
        return null;
    }
}
