package dev.overtime.platform.template;

import dev.overtime.platform.template.LambdaVersionsReader.Owned;
import dev.overtime.platform.versions.AliasDeclaration;
import dev.overtime.platform.versions.FunctionVersioning;
import dev.overtime.platform.versions.VersionDeclaration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the template declares about each function's versions and aliases, from SAM's
 * {@code AutoPublishAlias} and from {@code AWS::Lambda::Version} and {@code AWS::Lambda::Alias} resources,
 * with the configuration properties it sets. Versions are read first, since an alias may point at a
 * version declared further down.
 */
final class FunctionVersioningReader {

    private final IntrinsicResolver resolver;
    private final Map<String, TemplateResource> resources;
    private final Map<String, String> functionNames;
    private final List<String> warnings;

    private final Map<String, List<VersionDeclaration>> versions = new HashMap<>();
    private final Map<String, List<AliasDeclaration>> aliases = new HashMap<>();
    private final Map<String, String> versionOwners = new HashMap<>();
    private final Map<String, String> aliasDeclaredBy = new HashMap<>();

    /**
     * @param resources     the template's resources, functions with {@code Globals} already merged in
     * @param functionNames the name of every function, by logical id
     */
    FunctionVersioningReader(IntrinsicResolver resolver, Map<String, TemplateResource> resources,
            Map<String, String> functionNames, List<String> warnings) {
        this.resolver = resolver;
        this.resources = resources;
        this.functionNames = functionNames;
        this.warnings = warnings;
    }

    /** One entry for every function, by function name, in template order. */
    Map<String, FunctionVersioning> read() {
        SamVersioningReader sam = new SamVersioningReader(resolver, resources, warnings);
        LambdaVersionsReader lambda = new LambdaVersionsReader(resolver,
                new FunctionTargets(resolver, functionNames.values()), warnings);
        Map<String, Owned<AliasDeclaration>> samAliases = new HashMap<>();
        for (TemplateResource resource : resources.values()) {
            if (resource.type().equals(ResourceTypes.SERVERLESS_FUNCTION)) {
                String function = functionNames.get(resource.logicalId());
                sam.read(resource).ifPresent(generated -> {
                    addVersion(new Owned<>(function, generated.version(), resource.definition()));
                    samAliases.put(resource.logicalId(), new Owned<>(function, generated.alias(), generated.aliasName()));
                });
            } else if (resource.type().equals(ResourceTypes.LAMBDA_VERSION)) {
                addVersion(lambda.version(resource));
            }
        }
        VersionReferences references = new VersionReferences(resolver, versionOwners);
        for (TemplateResource resource : resources.values()) {
            if (samAliases.containsKey(resource.logicalId())) {
                addAlias(samAliases.get(resource.logicalId()));
            } else if (resource.type().equals(ResourceTypes.LAMBDA_ALIAS)) {
                addAlias(lambda.alias(resource, references));
            }
        }
        Map<String, FunctionVersioning> byName = new LinkedHashMap<>();
        functionNames.forEach((logicalId, name) -> byName.put(name, new FunctionVersioning(
                versions.getOrDefault(name, List.of()), aliases.getOrDefault(name, List.of()),
                TemplateProperties.of(resources.get(logicalId)))));
        return byName;
    }

    private void addVersion(Owned<VersionDeclaration> version) {
        versions.computeIfAbsent(version.function(), name -> new ArrayList<>()).add(version.declaration());
        versionOwners.put(version.declaration().logicalId(), version.function());
    }

    private void addAlias(Owned<AliasDeclaration> alias) {
        AliasDeclaration declaration = alias.declaration();
        String first = aliasDeclaredBy.putIfAbsent(alias.function() + ":" + declaration.name(),
                declaration.logicalId() + " (line " + alias.where().line() + ")");
        if (first != null) {
            throw TemplateProblem.at(alias.where(), "expected an alias name no other alias of function '"
                    + alias.function() + "' has, found '" + declaration.name() + "', already declared by " + first);
        }
        aliases.computeIfAbsent(alias.function(), name -> new ArrayList<>()).add(declaration);
    }
}
