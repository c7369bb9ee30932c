package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.versions.AliasDeclaration;
import dev.overtime.platform.versions.VersionDeclaration;
import dev.overtime.platform.versions.VersionReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads SAM's {@code AutoPublishAlias} and the properties that go with it into the version and the alias
 * SAM generates for a function ({@code Globals} already merged in).
 */
final class SamVersioningReader {

    /** The version and alias SAM generates; {@code aliasName} is where the alias name is written. */
    record Generated(VersionDeclaration version, AliasDeclaration alias, TemplateValue aliasName) {
    }

    /** Properties SAM refuses without AutoPublishAlias. */
    private static final List<String> REQUIRING_ALIAS = List.of("ProvisionedConcurrencyConfig", "DeploymentPreference");
    /** Properties SAM has no use for without AutoPublishAlias. */
    private static final List<String> IGNORED_WITHOUT_ALIAS =
            List.of("AutoPublishAliasAllProperties", "AutoPublishCodeSha256", "VersionDescription");

    private final IntrinsicResolver resolver;
    private final VersioningValues values;
    private final Map<String, TemplateResource> resources;
    private final List<String> warnings;

    SamVersioningReader(IntrinsicResolver resolver, Map<String, TemplateResource> resources, List<String> warnings) {
        this.resolver = resolver;
        this.values = new VersioningValues(resolver);
        this.resources = resources;
        this.warnings = warnings;
    }

    /** What SAM generates for the function; empty when it sets no AutoPublishAlias. */
    Optional<Generated> read(TemplateResource function) {
        Mapping properties = function.properties();
        Optional<String> alias = SamAutoPublish.aliasName(function, resolver);
        if (alias.isEmpty()) {
            withoutAlias(function);
            return Optional.empty();
        }
        String versionId = SamAutoPublish.versionId(function.logicalId());
        checkFree(versionId, function);
        VersionDeclaration version = new VersionDeclaration(versionId,
                values.description(properties, "VersionDescription"),
                values.text(properties, "AutoPublishCodeSha256", "a text such as a hash of the code"),
                values.bool(properties, "AutoPublishAliasAllProperties"), null);
        AliasDeclaration declaration = new AliasDeclaration(SamAutoPublish.aliasId(function.logicalId(), alias.get()),
                alias.get(), new VersionReference.Declared(versionId), List.of(), null,
                values.provisionedConcurrency(properties), deploymentPreference(properties));
        return Optional.of(new Generated(version, declaration, properties.get(SamAutoPublish.PROPERTY).orElseThrow()));
    }

    private void withoutAlias(TemplateResource function) {
        Mapping properties = function.properties();
        for (String property : REQUIRING_ALIAS) {
            values.present(properties, property).ifPresent(value -> {
                throw TemplateProblem.at(value, "expected " + SamAutoPublish.PROPERTY + ", which SAM requires for "
                        + property + ", found none");
            });
        }
        IGNORED_WITHOUT_ALIAS.stream()
                .filter(property -> values.present(properties, property).isPresent())
                .forEach(property -> warnings.add(function.logicalId() + "." + property + ": ignored without "
                        + SamAutoPublish.PROPERTY));
    }

    /** SAM's generated version id would be ambiguous in a version token if a resource had it too. */
    private void checkFree(String versionId, TemplateResource function) {
        TemplateResource other = resources.get(versionId);
        if (other != null) {
            throw TemplateProblem.at(other.definition(), "expected a logical id other than '" + versionId
                    + "', which is the id of the version " + SamAutoPublish.PROPERTY + " generates for "
                    + function.logicalId());
        }
    }

    /**
     * {@code DeploymentPreference.Type}, or null. Only the Type is resolved: hooks and alarms may name
     * resources the resolver refuses, and Overtime shifts traffic all at once anyway.
     */
    private String deploymentPreference(Mapping properties) {
        return values.present(properties, "DeploymentPreference").map(written -> {
            TemplateValue preference = written instanceof Mapping ? written : resolver.resolve(written).orElseThrow();
            if (!(preference instanceof Mapping mapping)) {
                throw TemplateProblem.expected(preference, "a map with a Type");
            }
            return values.text(mapping, "Type", "a deployment type such as Canary10Percent5Minutes or AllAtOnce");
        }).orElse(null);
    }
}
