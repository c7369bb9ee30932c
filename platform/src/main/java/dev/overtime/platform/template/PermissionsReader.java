package dev.overtime.platform.template;

import dev.overtime.platform.security.FunctionPermission;
import dev.overtime.platform.template.TemplateValue.Mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code AWS::Lambda::Permission} resources into the functions' resource policies, which
 * {@code serve --auth iam} evaluates beside the callers' own policies. A permission on a function the
 * template does not define is left out with a warning.
 */
final class PermissionsReader {

    private final IntrinsicResolver resolver;
    private final Collection<String> functionNames;
    private final List<String> warnings;

    PermissionsReader(IntrinsicResolver resolver, Collection<String> functionNames, List<String> warnings) {
        this.resolver = resolver;
        this.functionNames = functionNames;
        this.warnings = warnings;
    }

    List<FunctionPermission> read(Map<String, TemplateResource> resources) {
        List<FunctionPermission> permissions = new ArrayList<>();
        for (TemplateResource resource : resources.values()) {
            if (resource.type().equals(ResourceTypes.LAMBDA_PERMISSION)) {
                read(resource).ifPresent(permissions::add);
            }
        }
        return permissions;
    }

    private Optional<FunctionPermission> read(TemplateResource resource) {
        TemplateValue resolved = resolver.resolve(resource.properties()).orElseThrow();
        if (!(resolved instanceof Mapping properties)) {
            throw TemplateProblem.expected(resource.properties(), "a mapping with Action, FunctionName and Principal");
        }
        String action = required(properties, "Action", "an action such as lambda:InvokeFunction");
        String principal = required(properties, "Principal", "an account id, an ARN, a service principal or *");
        QualifiedFunction function = QualifiedFunction.parse(required(properties, "FunctionName",
                "a function name or ARN (!Ref or !GetAtt Function.Arn)"));
        if (!functionNames.contains(function.name())) {
            warnings.add(resource.logicalId() + ": a permission on " + function.name()
                    + ", which the template does not define; left out");
            return Optional.empty();
        }
        return Optional.of(new FunctionPermission(action, principal, function.name(), function.qualifier(),
                optional(properties, "SourceArn"), optional(properties, "SourceAccount"),
                optional(properties, "FunctionUrlAuthType")));
    }

    private static String required(Mapping properties, String key, String expected) {
        TemplateValue value = properties.get(key).orElseThrow(() -> TemplateProblem.required(properties, key, expected));
        return PropertyValues.text(value, expected);
    }

    private static String optional(Mapping properties, String key) {
        return properties.get(key).map(v -> PropertyValues.text(v, "a string")).orElse(null);
    }
}
