package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Sequence;
import dev.overtime.platform.versions.AliasDeclaration;
import dev.overtime.platform.versions.AliasDeclaration.WeightedVersion;
import dev.overtime.platform.versions.VersionDeclaration;
import dev.overtime.platform.versions.VersionReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads {@code AWS::Lambda::Version} and {@code AWS::Lambda::Alias} resources. */
final class LambdaVersionsReader {

    /** A declaration with the name of its function and where its alias name (if any) is written. */
    record Owned<T>(String function, T declaration, TemplateValue where) {
    }

    private static final Set<String> VERSION_PROPERTIES = Set.of("FunctionName", "Description", "CodeSha256",
            "ProvisionedConcurrencyConfig", "RuntimePolicy", "FunctionScalingConfig");
    private static final Set<String> ALIAS_PROPERTIES = Set.of("FunctionName", "Name", "FunctionVersion",
            "Description", "RoutingConfig", "ProvisionedConcurrencyConfig");
    private static final String WEIGHTS = "AdditionalVersionWeights";
    private static final String WEIGHT_EXPECTED = "a weight from 0.0 to 1.0";

    private final VersioningValues values;
    private final FunctionTargets targets;
    private final List<String> warnings;

    LambdaVersionsReader(IntrinsicResolver resolver, FunctionTargets targets, List<String> warnings) {
        this.values = new VersioningValues(resolver);
        this.targets = targets;
        this.warnings = warnings;
    }

    /** A CloudFormation version snapshots the function as it is, so any change publishes a new one. */
    Owned<VersionDeclaration> version(TemplateResource resource) {
        Mapping properties = resource.properties();
        checkKeys(resource, VERSION_PROPERTIES, "the version is published");
        String function = targets.required(properties).name();
        VersionDeclaration version = new VersionDeclaration(resource.logicalId(),
                values.description(properties, "Description"),
                values.text(properties, "CodeSha256", "the SHA-256 of the function's code"), true,
                values.provisionedConcurrency(properties));
        return new Owned<>(function, version, resource.definition());
    }

    /** @param versions reads {@code FunctionVersion}, knowing every declared version */
    Owned<AliasDeclaration> alias(TemplateResource resource, VersionReferences versions) {
        Mapping properties = resource.properties();
        checkKeys(resource, ALIAS_PROPERTIES, "the alias is created");
        String function = targets.required(properties).name();
        TemplateValue name = values.resolved(properties, "Name")
                .orElseThrow(() -> TemplateProblem.required(properties, "Name", Qualifiers.ALIAS_EXPECTED));
        TemplateValue version = properties.get("FunctionVersion")
                .orElseThrow(() -> TemplateProblem.required(properties, "FunctionVersion", VersionReferences.EXPECTED));
        VersionReference primary = versions.read(version, function);
        AliasDeclaration alias = new AliasDeclaration(resource.logicalId(), Qualifiers.aliasName(name), primary,
                additional(properties, versions, function, primary), values.description(properties, "Description"),
                values.provisionedConcurrency(properties), null);
        return new Owned<>(function, alias, name);
    }

    private List<WeightedVersion> additional(Mapping properties, VersionReferences versions, String function,
            VersionReference primary) {
        List<WeightedVersion> additional = new ArrayList<>();
        values.resolved(properties, "RoutingConfig").ifPresent(config -> {
            if (!(config instanceof Mapping routing)) {
                throw TemplateProblem.expected(config, "a map with " + WEIGHTS);
            }
            routing.get(WEIGHTS).ifPresent(weights -> {
                if (!(weights instanceof Sequence list)) {
                    throw TemplateProblem.expected(weights, "a list of FunctionVersion and FunctionWeight");
                }
                if (list.items().size() > 1) {
                    throw TemplateProblem.at(list, "expected at most one additional version (Lambda's limit), found "
                            + list.items().size());
                }
                list.items().forEach(item -> additional.add(weighted(item, versions, function, primary)));
            });
        });
        return additional;
    }

    private WeightedVersion weighted(TemplateValue item, VersionReferences versions, String function,
            VersionReference primary) {
        if (!(item instanceof Mapping entry)) {
            throw TemplateProblem.expected(item, "a map with FunctionVersion and FunctionWeight");
        }
        TemplateValue written = entry.get("FunctionVersion")
                .orElseThrow(() -> TemplateProblem.required(entry, "FunctionVersion", VersionReferences.EXPECTED));
        VersionReference version = versions.read(written, function);
        if (version.equals(primary)) {
            throw TemplateProblem.at(written, "expected a version other than the alias's FunctionVersion, found the "
                    + "same version");
        }
        TemplateValue weight = entry.get("FunctionWeight")
                .orElseThrow(() -> TemplateProblem.required(entry, "FunctionWeight", WEIGHT_EXPECTED));
        return new WeightedVersion(version, weight(weight));
    }

    private static double weight(TemplateValue value) {
        String text = PropertyValues.text(value, WEIGHT_EXPECTED);
        double weight;
        try {
            weight = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw TemplateProblem.expected(value, WEIGHT_EXPECTED);
        }
        if (!(weight >= 0.0 && weight <= 1.0)) {
            throw TemplateProblem.expected(value, WEIGHT_EXPECTED);
        }
        return weight;
    }

    private void checkKeys(TemplateResource resource, Set<String> known, String applied) {
        resource.definition().get("Condition").ifPresent(condition -> warnings.add(resource.logicalId()
                + ".Condition: not evaluated; " + applied));
        resource.properties().entries().keySet().stream()
                .filter(key -> !known.contains(key))
                .forEach(key -> warnings.add(resource.logicalId() + "." + key + ": not a property of "
                        + resource.type() + "; ignored"));
    }
}
