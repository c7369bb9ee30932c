package dev.overtime.platform.template;

import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Sequence;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks the properties of one function resource into a {@link FunctionDefinition}. */
final class FunctionPropertiesReader {

    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9-_]{1,64}");
    private static final Pattern HANDLER = Pattern.compile("\\S{1,128}");
    private static final int MAX_DESCRIPTION_LENGTH = 256;
    private static final Set<String> ARCHITECTURES = Set.of("x86_64", "arm64");
    private static final String STORAGE_SIZE = "an integer from 512 to 10240 (MB)";

    private final Path templateFolder;
    private final IntrinsicResolver resolver;
    private final List<String> warnings;
    private final FunctionLayersReader layers;

    /**
     * @param templateFolder the folder relative code paths start from
     * @param warnings       collects properties that have no effect (yet)
     * @param layers         reads {@code Layers} against the template's layers
     */
    FunctionPropertiesReader(Path templateFolder, IntrinsicResolver resolver, List<String> warnings,
            FunctionLayersReader layers) {
        this.templateFolder = templateFolder;
        this.resolver = resolver;
        this.warnings = warnings;
        this.layers = layers;
    }

    /** @param function a function resource, {@code Globals} already merged in */
    FunctionDefinition read(TemplateResource function) {
        FunctionFlavor flavor = FunctionFlavor.of(function.type());
        Mapping properties = function.properties();
        checkPackageType(properties);
        Path code = code(properties, flavor);
        String runtime = runtime(properties);
        String handler = handler(properties, runtime);
        long timeout = property(properties, "Timeout")
                .map(value -> PropertyValues.integer(value, 1, 900, "an integer from 1 to 900 (seconds)"))
                .orElse(FunctionDefinition.DEFAULT_TIMEOUT.toSeconds());
        long memory = property(properties, "MemorySize")
                .map(value -> PropertyValues.integer(value, 128, 10240, "an integer from 128 to 10240 (MB)"))
                .orElse((long) FunctionDefinition.DEFAULT_MEMORY_MB);
        int ephemeralStorage = property(properties, "EphemeralStorage").map(this::ephemeralStorage)
                .orElse(FunctionDefinition.DEFAULT_EPHEMERAL_STORAGE_MB);
        Integer reserved = property(properties, "ReservedConcurrentExecutions")
                .map(value -> (int) PropertyValues.integer(value, 0, Integer.MAX_VALUE, "an integer of 0 or more"))
                .orElse(null);
        String name = functionName(function);
        warnAboutUnusedProperties(function, name, flavor);
        String description = property(properties, "Description")
                .map(FunctionPropertiesReader::description)
                .orElse("");
        checkArchitectures(function);
        return new FunctionDefinition(function.logicalId(), name, runtime, handler, code, Duration.ofSeconds(timeout),
                (int) memory, EnvironmentVariablesReader.read(property(properties, "Environment")), reserved,
                description, FreezeMetadataReader.read(function, resolver), layers.read(function), ephemeralStorage);
    }

    /** {@code EphemeralStorage: {Size: N}}, the size of {@code /tmp} in MB. */
    private int ephemeralStorage(TemplateValue value) {
        if (!(value instanceof Mapping storage)) {
            throw TemplateProblem.expected(value, "a map with Size, " + STORAGE_SIZE);
        }
        TemplateValue size = property(storage, "Size")
                .orElseThrow(() -> TemplateProblem.required(storage, "Size", STORAGE_SIZE));
        return (int) PropertyValues.integer(size, 512, 10240, STORAGE_SIZE);
    }

    private Optional<TemplateValue> property(Mapping properties, String name) {
        return properties.get(name).flatMap(resolver::resolve);
    }

    private void warnAboutUnusedProperties(TemplateResource function, String name, FunctionFlavor flavor) {
        for (String property : function.properties().entries().keySet()) {
            if (flavor.isDeadLetterQueue(property)) {
                warnings.add(function.logicalId() + "." + property + ": SQS/SNS dead-letter queues are not served; "
                        + "dead events stay in Overtime's dead-letter store (overtime events " + name
                        + " --state dead)");
            } else if (flavor.isNotServedYet(property)) {
                warnings.add(function.logicalId() + "." + property + ": not served yet");
            } else if (!flavor.isKnown(property)) {
                warnings.add(function.logicalId() + "." + property + ": not a property of " + flavor.type()
                        + "; ignored");
            }
        }
    }

    private void checkPackageType(Mapping properties) {
        property(properties, "PackageType").ifPresent(value -> {
            String packageType = PropertyValues.text(value, "Zip");
            if (packageType.equals("Image")) {
                throw TemplateProblem.at(value, "container images are not supported; expected Zip, found 'Image'");
            }
            if (!packageType.equals("Zip")) {
                throw TemplateProblem.expected(value, "Zip");
            }
        });
    }

    private Path code(Mapping properties, FunctionFlavor flavor) {
        if (flavor == FunctionFlavor.SERVERLESS) {
            property(properties, "ImageUri").ifPresent(value -> {
                throw TemplateProblem.at(value, "container images are not supported; expected CodeUri with "
                        + CodeLocation.EXPECTED);
            });
            property(properties, "InlineCode").ifPresent(value -> {
                throw TemplateProblem.at(value, "InlineCode is not supported yet; expected CodeUri with "
                        + CodeLocation.EXPECTED);
            });
        }
        TemplateValue code = property(properties, flavor.codeProperty()).orElseThrow(() -> missing(properties,
                flavor.codeProperty(), CodeLocation.EXPECTED));
        return CodeLocation.of(code, templateFolder);
    }

    private String runtime(Mapping properties) {
        String expected = "one of " + String.join(", ", Runtimes.SUPPORTED);
        TemplateValue value = property(properties, "Runtime").orElseThrow(() -> missing(properties, "Runtime",
                expected));
        String runtime = PropertyValues.text(value, expected);
        if (!Runtimes.isSupported(runtime)) {
            throw TemplateProblem.expected(value, expected);
        }
        return runtime;
    }

    private String handler(Mapping properties, String runtime) {
        String expected = "a handler of 1 to 128 characters without spaces";
        Optional<TemplateValue> value = property(properties, "Handler");
        if (value.isEmpty()) {
            if (Runtimes.isCustom(runtime)) {
                return null;
            }
            throw missing(properties, "Handler", expected + " (runtime " + runtime + " needs one)");
        }
        String handler = PropertyValues.text(value.get(), expected);
        if (!HANDLER.matcher(handler).matches()) {
            throw TemplateProblem.expected(value.get(), expected);
        }
        return handler;
    }

    private String functionName(TemplateResource function) {
        String name = resolver.functionName(function.logicalId());
        if (!FUNCTION_NAME.matcher(name).matches()) {
            TemplateValue where = function.properties().get("FunctionName").orElse(function.definition());
            throw TemplateProblem.at(where, "expected a function name of 1 to 64 letters, digits, hyphens or "
                    + "underscores, found '" + name + "'");
        }
        return name;
    }

    private static String description(TemplateValue value) {
        String expected = "a description of at most " + MAX_DESCRIPTION_LENGTH + " characters";
        String description = PropertyValues.text(value, expected);
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw TemplateProblem.at(value, "expected " + expected + ", found " + description.length()
                    + " characters");
        }
        return description;
    }

    private void checkArchitectures(TemplateResource function) {
        property(function.properties(), "Architectures").ifPresent(value -> {
            if (!(value instanceof Sequence list)) {
                throw TemplateProblem.expected(value, "a list such as [x86_64] or [arm64]");
            }
            for (TemplateValue item : list.items()) {
                String architecture = PropertyValues.text(item, "x86_64 or arm64");
                if (!ARCHITECTURES.contains(architecture)) {
                    warnings.add(function.logicalId() + ".Architectures: not served yet ('" + architecture
                            + "'; Overtime serves x86_64 and arm64)");
                }
            }
        });
    }

    private static TemplateProblem missing(Mapping properties, String name, String expected) {
        return new TemplateProblem(properties.line(), properties.childPath(name),
                "required: expected " + expected + ", found nothing");
    }
}
