package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Intrinsic;
import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Scalar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds an API's OpenAPI definition: inline ({@code DefinitionBody}, {@code Body}, intrinsics resolved), in a local
 * file ({@code DefinitionUri: api.yaml}, relative to the template, YAML or JSON), or included with
 * {@code Fn::Transform: {Name: AWS::Include, Parameters: {Location: api.yaml}}}. A definition in S3 is not served:
 * the API is left out with a warning.
 */
final class ApiDefinitionSources {

    private static final String FILE_EXPECTED = "an OpenAPI file relative to the template or an s3:// URI";

    private final Path templateFile;
    private final Path folder;
    private final IntrinsicResolver resolver;
    private final List<String> warnings;

    /**
     * An API's definition.
     *
     * @param body     the definition, intrinsics resolved; empty when the API declares none
     * @param file     the file it was read from, as problems name it; null when it is in the template
     * @param declared whether the API declares a definition at all
     */
    record Definition(Mapping body, Path file, boolean declared) {

        /** Reads the definition; a problem in it names the file it came from. */
        void read(Consumer<Mapping> reader) {
            try {
                reader.accept(body);
            } catch (TemplateProblem problem) {
                throw file == null ? problem : problem.inFile(file);
            }
        }
    }

    /** @param templateFile the template as the user named it, so files next to it are named alike */
    ApiDefinitionSources(Path templateFile, IntrinsicResolver resolver, List<String> warnings) {
        this.templateFile = templateFile;
        this.folder = templateFile.toAbsolutePath().normalize().getParent();
        this.resolver = resolver;
        this.warnings = warnings;
    }

    /**
     * The definition the properties give inline ({@code inlineKey}) or by location ({@code locationKey}); empty when
     * it is not served (a warning says why).
     */
    Optional<Definition> read(Mapping properties, String logicalId, String inlineKey, String locationKey) {
        Optional<TemplateValue> inline = properties.get(inlineKey);
        Optional<TemplateValue> location = properties.get(locationKey);
        if (inline.isPresent() && location.isPresent()) {
            throw TemplateProblem.at(location.get(), "expected " + inlineKey + " or " + locationKey + ", not both");
        }
        if (inline.isPresent()) {
            if (inline.get() instanceof Intrinsic transform && transform.name().equals("Fn::Transform")) {
                return include(transform, logicalId + "." + inlineKey);
            }
            TemplateValue body = resolver.resolve(inline.get())
                    .orElseThrow(() -> TemplateProblem.expected(inline.get(), "an OpenAPI definition"));
            return Optional.of(new Definition(ApiValues.mapping(body, "an OpenAPI definition (a map)"), null, true));
        }
        if (location.isPresent()) {
            return located(location.get(), logicalId + "." + locationKey);
        }
        return Optional.of(new Definition(Mapping.empty(properties.line(), properties.childPath(inlineKey)), null,
                false));
    }

    private Optional<Definition> include(Intrinsic transform, String where) {
        Mapping argument = ApiValues.mapping(transform.argument(), "a map with Name AWS::Include and Parameters");
        String name = ApiValues.text(argument, "Name", "AWS::Include").orElse("");
        Optional<TemplateValue> location = ApiValues.mapping(argument, "Parameters", "a map with Location")
                .flatMap(parameters -> parameters.get("Location"));
        if (!name.equals("AWS::Include") || location.isEmpty()) {
            throw TemplateProblem.at(transform, "expected " + transform.writtenAs()
                    + " with Name AWS::Include and Parameters.Location");
        }
        return located(location.get(), where);
    }

    private Optional<Definition> located(TemplateValue written, String where) {
        TemplateValue value = resolver.resolve(written)
                .orElseThrow(() -> TemplateProblem.expected(written, FILE_EXPECTED));
        if (!(value instanceof Scalar) || PropertyValues.text(value, FILE_EXPECTED).startsWith("s3://")) {
            warnings.add(where + ": a definition in S3 is not served; the API is left out");
            return Optional.empty();
        }
        String relative = PropertyValues.text(value, FILE_EXPECTED);
        Path file = folder.resolve(relative).normalize();
        if (!Files.isRegularFile(file)) {
            throw TemplateProblem.at(value, "expected " + FILE_EXPECTED + ", found '" + relative
                    + "', which does not exist");
        }
        Path named = templateFile.resolveSibling(relative).normalize();
        try {
            TemplateValue body = resolver.resolve(TemplateYamlReader.read(file)).orElseThrow();
            return Optional.of(new Definition((Mapping) body, named, true));
        } catch (TemplateProblem problem) {
            throw problem.inFile(named);
        }
    }
}
