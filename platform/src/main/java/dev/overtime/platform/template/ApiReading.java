package dev.overtime.platform.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the API readers share: the stack, the resolver, the template's resources, where definitions come from, the
 * OpenAPI reader and the template's warnings.
 */
record ApiReading(TemplateContext ctx, IntrinsicResolver resolver, Map<String, TemplateResource> resources,
                  ApiDefinitionSources sources, OpenApiRoutesReader openApi, LambdaUris lambdaUris,
                  List<String> warnings) {

    /** The property resolved, if the resource sets it (to something other than {@code AWS::NoValue}). */
    Optional<TemplateValue> property(TemplateResource resource, String name) {
        return resource.properties().get(name).flatMap(resolver::resolve);
    }

    /** The API's name: its {@code Name} property, else the stack name and its logical id. */
    String name(TemplateResource api) {
        return property(api, "Name").map(value -> PropertyValues.text(value, "an API name"))
                .orElse(ctx.stackName() + "-" + api.logicalId());
    }

    /**
     * Whether the value refers to the resource: {@code !Ref LogicalId} (as {@code RestApiId} or {@code ApiId} of a
     * stage) or the logical id itself.
     */
    static boolean refersTo(TemplateValue value, String logicalId) {
        return logicalIdIn(value).filter(logicalId::equals).isPresent();
    }

    /** The logical id a {@code !Ref} (or a plain logical id, as SAM accepts in {@code RestApiId}) names. */
    static Optional<String> logicalIdIn(TemplateValue value) {
        if (value instanceof TemplateValue.Intrinsic ref && ref.name().equals("Ref")
                && ref.argument() instanceof TemplateValue.Scalar name) {
            return Optional.of(name.text());
        }
        return value instanceof TemplateValue.Scalar text && !text.isNull() ? Optional.of(text.text())
                : Optional.empty();
    }
}
