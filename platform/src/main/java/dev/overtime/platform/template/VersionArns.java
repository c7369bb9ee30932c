package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Intrinsic;
import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.versions.VersionTokens;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a reference to an alias or a version stands for: the function's ARN followed by the alias name, or
 * by the version's {@link VersionTokens token}, since a declared version has its number only once start
 * has published it. Covers {@code AWS::Lambda::Alias}, {@code AWS::Lambda::Version} and SAM's
 * {@code Function.Alias} and {@code Function.Version}.
 */
final class VersionArns {

    static final String FUNCTION_EXPECTED = "the name, !Ref or ARN of a function the template defines";

    private final TemplateContext ctx;
    private final Map<String, TemplateResource> resources;
    private final IntrinsicResolver resolver;
    private final Set<String> inProgress = new LinkedHashSet<>();

    VersionArns(TemplateContext ctx, Map<String, TemplateResource> resources, IntrinsicResolver resolver) {
        this.ctx = ctx;
        this.resources = resources;
        this.resolver = resolver;
    }

    /**
     * The ARN {@code Function.Alias} or {@code Function.Version} stands for; empty when the name is neither.
     *
     * @param where the intrinsic, for messages
     */
    Optional<String> samReference(Intrinsic where, String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String logicalId = name.substring(0, dot);
        String kind = name.substring(dot + 1);
        TemplateResource function = resources.get(logicalId);
        if (function == null || !ResourceTypes.isFunction(function.type())
                || !(kind.equals("Alias") || kind.equals("Version"))) {
            return Optional.empty();
        }
        String alias = SamAutoPublish.aliasName(function, resolver).orElseThrow(() -> TemplateProblem.at(where,
                "expected function '" + logicalId + "' to set " + SamAutoPublish.PROPERTY + ", which is required for "
                        + name + ", found no " + SamAutoPublish.PROPERTY));
        String arn = FunctionArns.arn(ctx, resolver.functionName(logicalId));
        return Optional.of(arn + ":" + (kind.equals("Alias") ? alias
                : VersionTokens.of(SamAutoPublish.versionId(logicalId))));
    }

    /** What {@code Ref} gives for an {@code AWS::Lambda::Version}. */
    String versionArn(TemplateResource version) {
        return FunctionArns.arn(ctx, functionOf(version)) + ":" + VersionTokens.of(version.logicalId());
    }

    /** What {@code Ref} gives for an {@code AWS::Lambda::Alias}. */
    String aliasArn(TemplateResource alias) {
        Mapping properties = alias.properties();
        TemplateValue name = properties.get("Name").flatMap(resolver::resolve)
                .orElseThrow(() -> TemplateProblem.required(properties, "Name", Qualifiers.ALIAS_EXPECTED));
        return FunctionArns.arn(ctx, functionOf(alias)) + ":" + Qualifiers.aliasName(name);
    }

    /** The name of the function a version or an alias belongs to, as its {@code FunctionName} gives it. */
    private String functionOf(TemplateResource resource) {
        Mapping properties = resource.properties();
        TemplateValue written = properties.get("FunctionName")
                .orElseThrow(() -> TemplateProblem.required(properties, "FunctionName", FUNCTION_EXPECTED));
        if (!inProgress.add(resource.logicalId())) {
            throw TemplateProblem.at(written, "expected a FunctionName that does not depend on itself, found the cycle "
                    + String.join(" -> ", inProgress) + " -> " + resource.logicalId());
        }
        try {
            TemplateValue value = resolver.resolve(written)
                    .orElseThrow(() -> TemplateProblem.expected(written, FUNCTION_EXPECTED));
            return QualifiedFunction.parse(PropertyValues.text(value, FUNCTION_EXPECTED)).name();
        } finally {
            inProgress.remove(resource.logicalId());
        }
    }
}
