package dev.overtime.platform.template;

import dev.overtime.platform.template.TemplateValue.Intrinsic;
import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Scalar;
import dev.overtime.platform.template.TemplateValue.ScalarKind;
import dev.overtime.platform.template.TemplateValue.Sequence;
import dev.overtime.platform.versions.VersionTokens;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Resolves {@code Ref}, {@code Fn::GetAtt} and {@code Fn::Sub} (short and long forms) against the
 * template's parameters, its functions, versions and aliases, its APIs (see {@link ApiReferences}), its AppSync
 * resources and IAM roles (see {@link GraphQlReferences}) and the pseudo parameters. Only the properties Overtime reads are resolved, so any other intrinsic is fine in a property
 * Overtime ignores.
 * A declared version's number is known only at start, so references to it resolve to its
 * {@link dev.overtime.platform.versions.VersionTokens token}.
 */
final class IntrinsicResolver {

    private static final String NO_VALUE = "AWS::NoValue";

    private final TemplateContext ctx;
    private final Map<String, TemplateParameter> parameters;
    private final Map<String, TemplateResource> resources;
    private final Map<String, String> pseudoParameters;
    private final FunctionNames functionNames;
    private final VersionArns versionArns;
    private final ApiReferences apiIds;
    private final GraphQlReferences graphQl;

    /**
     * @param resources the template's resources, functions with {@code Globals} already merged in
     */
    IntrinsicResolver(TemplateContext ctx, Map<String, TemplateParameter> parameters,
            Map<String, TemplateResource> resources) {
        this.ctx = ctx;
        this.parameters = parameters;
        this.resources = resources;
        this.pseudoParameters = new TreeMap<>(Map.of(
                "AWS::Region", ctx.region(),
                "AWS::AccountId", ctx.accountId(),
                "AWS::StackName", ctx.stackName(),
                "AWS::Partition", "aws",
                "AWS::URLSuffix", "amazonaws.com"));
        this.functionNames = new FunctionNames(resources, this);
        this.versionArns = new VersionArns(ctx, resources, this);
        this.apiIds = new ApiReferences(ctx, resources, this);
        this.graphQl = new GraphQlReferences(ctx, resources, this);
    }

    /**
     * The value with every intrinsic in it resolved; empty when it is {@code AWS::NoValue}.
     * Map entries and list items that resolve to {@code AWS::NoValue} are left out.
     */
    Optional<TemplateValue> resolve(TemplateValue value) {
        return switch (value) {
            case Scalar scalar -> Optional.of(scalar);
            case Mapping mapping -> {
                Map<String, TemplateValue> resolved = new LinkedHashMap<>();
                mapping.entries().forEach((key, entry) -> resolve(entry).ifPresent(v -> resolved.put(key, v)));
                yield Optional.of(new Mapping(resolved, mapping.line(), mapping.path()));
            }
            case Sequence sequence -> {
                List<TemplateValue> resolved = new ArrayList<>();
                sequence.items().forEach(item -> resolve(item).ifPresent(resolved::add));
                yield Optional.of(new Sequence(resolved, sequence.line(), sequence.path()));
            }
            case Intrinsic intrinsic -> switch (intrinsic.name()) {
                case "Ref" -> ref(intrinsic);
                case "Fn::GetAtt" -> Optional.of(text(intrinsic, getAtt(intrinsic)));
                case "Fn::Sub" -> Optional.of(text(intrinsic, sub(intrinsic)));
                default -> throw TemplateProblem.at(intrinsic, "expected a plain value, !Ref, !GetAtt or !Sub here, "
                        + "found " + intrinsic.writtenAs() + ", which Overtime does not support yet");
            };
        };
    }

    /** Whether the written value is {@code !Ref AWS::NoValue}, which leaves its property out. */
    static boolean isNoValue(TemplateValue written) {
        return written instanceof Intrinsic ref && ref.name().equals("Ref")
                && ref.argument() instanceof Scalar name && name.text().equals(NO_VALUE);
    }

    /** The name callers use for a function: its resolved {@code FunctionName}, else its logical id. */
    String functionName(String logicalId) {
        return functionNames.of(logicalId);
    }

    private Optional<TemplateValue> ref(Intrinsic ref) {
        String name = literalName(ref, "the name of a parameter, resource or pseudo parameter");
        if (name.equals(NO_VALUE)) {
            return Optional.empty();
        }
        TemplateParameter parameter = parameters.get(name);
        if (parameter != null && parameter.isList()) {
            requireResolvable(ref, parameter);
            List<TemplateValue> items = parameter.items().stream()
                    .<TemplateValue>map(item -> text(ref, item))
                    .toList();
            return Optional.of(new Sequence(items, ref.line(), ref.path()));
        }
        return Optional.of(text(ref, refText(ref, name)));
    }

    /** What {@code Ref name} stands for when a single value is needed. */
    private String refText(Intrinsic where, String name) {
        String pseudo = pseudoParameters.get(name);
        if (pseudo != null) {
            return pseudo;
        }
        if (name.startsWith("AWS::")) {
            throw TemplateProblem.at(where, "expected one of the pseudo parameters " + NO_VALUE + ", "
                    + String.join(", ", pseudoParameters.keySet()) + ", found '" + name
                    + "', which Overtime does not resolve");
        }
        TemplateParameter parameter = parameters.get(name);
        if (parameter != null) {
            requireResolvable(where, parameter);
            if (parameter.isList()) {
                throw TemplateProblem.at(where, "expected a single value, found parameter '" + name
                        + "', which is a " + parameter.type());
            }
            return parameter.value();
        }
        Optional<String> api = apiIds.ref(where, name);
        if (api.isPresent()) {
            return api.get();
        }
        Optional<String> graphQlResource = graphQl.ref(where, name);
        if (graphQlResource.isPresent()) {
            return graphQlResource.get();
        }
        TemplateResource resource = resources.get(name);
        if (resource == null) {
            return versionArns.samReference(where, name).orElseThrow(() -> TemplateProblem.at(where,
                    "expected the name of a parameter, resource or pseudo parameter, found '" + name
                            + "', which the template does not declare"));
        }
        return switch (resource.type()) {
            case ResourceTypes.LAMBDA_VERSION -> versionArns.versionArn(resource);
            case ResourceTypes.LAMBDA_ALIAS -> versionArns.aliasArn(resource);
            case String type when ResourceTypes.isFunction(type) -> functionName(name);
            default -> throw TemplateProblem.at(where, "expected a parameter, a function, a version, an alias or a "
                    + "pseudo parameter, found '" + name + "' of type " + resource.type()
                    + ", which Overtime does not resolve");
        };
    }

    private String getAtt(Intrinsic getAtt) {
        return switch (getAtt.argument()) {
            case Scalar scalar when !scalar.isNull() && scalar.text().indexOf('.') > 0 -> {
                int dot = scalar.text().indexOf('.');
                yield attribute(getAtt, scalar.text().substring(0, dot), scalar.text().substring(dot + 1));
            }
            case Sequence sequence when sequence.items().size() == 2
                    && sequence.items().getFirst() instanceof Scalar resource -> {
                TemplateValue attribute = resolve(sequence.items().get(1))
                        .orElseThrow(() -> TemplateProblem.expected(getAtt, "an attribute name"));
                if (!(attribute instanceof Scalar attributeName)) {
                    throw TemplateProblem.expected(attribute, "an attribute name");
                }
                yield attribute(getAtt, resource.text(), attributeName.text());
            }
            default -> throw TemplateProblem.at(getAtt, "expected " + getAtt.writtenAs()
                    + " Resource.Attribute or [Resource, Attribute], found " + getAtt.argument().describe());
        };
    }

    private String attribute(Intrinsic where, String logicalId, String attribute) {
        Optional<String> api = apiIds.attribute(where, logicalId, attribute);
        if (api.isPresent()) {
            return api.get();
        }
        Optional<String> graphQlAttribute = graphQl.attribute(where, logicalId, attribute);
        if (graphQlAttribute.isPresent()) {
            return graphQlAttribute.get();
        }
        TemplateResource resource = resources.get(logicalId);
        if (resource == null) {
            throw TemplateProblem.at(where, "expected the logical id of a function or a version, found '" + logicalId
                    + "', which the template does not declare");
        }
        if (resource.type().equals(ResourceTypes.LAMBDA_VERSION)) {
            if (!attribute.equals("Version")) {
                throw TemplateProblem.at(where, "expected the Version attribute of version '" + logicalId
                        + "', found '" + attribute + "', which Overtime does not resolve");
            }
            return VersionTokens.of(logicalId);
        }
        if (!ResourceTypes.isFunction(resource.type())) {
            throw TemplateProblem.at(where, "expected the attribute of a function, found '" + logicalId
                    + "' of type " + resource.type() + ", whose attributes Overtime does not resolve");
        }
        if (!attribute.equals("Arn")) {
            throw TemplateProblem.at(where, "expected the Arn attribute of function '" + logicalId + "', found '"
                    + attribute + "', which Overtime does not resolve");
        }
        return FunctionArns.arn(ctx, functionName(logicalId));
    }

    private String sub(Intrinsic sub) {
        String template;
        Map<String, String> variables = new LinkedHashMap<>();
        switch (sub.argument()) {
            case Scalar scalar when !scalar.isNull() -> template = scalar.text();
            case Sequence sequence when sequence.items().size() == 2
                    && sequence.items().get(0) instanceof Scalar text
                    && sequence.items().get(1) instanceof Mapping map -> {
                template = text.text();
                map.entries().forEach((name, value) -> variables.put(name, subVariable(sub, name, value)));
            }
            default -> throw TemplateProblem.at(sub, "expected " + sub.writtenAs()
                    + " with a string, or a list of a string and a map of variables, found "
                    + sub.argument().describe());
        }
        StringBuilder result = new StringBuilder();
        for (SubstitutionTemplate.Part part : SubstitutionTemplate.parse(template).parts()) {
            switch (part) {
                case SubstitutionTemplate.Literal literal -> result.append(literal.text());
                case SubstitutionTemplate.Variable variable -> result.append(variables.containsKey(variable.name())
                        ? variables.get(variable.name())
                        : subReference(sub, variable.name()));
            }
        }
        return result.toString();
    }

    private String subVariable(Intrinsic sub, String name, TemplateValue value) {
        Optional<TemplateValue> resolved = resolve(value);
        if (resolved.isEmpty() || !(resolved.get() instanceof Scalar scalar) || scalar.isNull()) {
            throw TemplateProblem.at(value, "expected a single value for the " + sub.writtenAs() + " variable '"
                    + name + "', found " + resolved.map(TemplateValue::describe).orElse(NO_VALUE));
        }
        return scalar.text();
    }

    private String subReference(Intrinsic sub, String name) {
        if (name.equals(NO_VALUE)) {
            throw TemplateProblem.at(sub, "expected a value in ${" + name + "}, found " + NO_VALUE
                    + ", which cannot be substituted");
        }
        int dot = name.indexOf('.');
        if (dot > 0 && !parameters.containsKey(name)) {
            return versionArns.samReference(sub, name)
                    .orElseGet(() -> attribute(sub, name.substring(0, dot), name.substring(dot + 1)));
        }
        return refText(sub, name);
    }

    private static String literalName(Intrinsic intrinsic, String expected) {
        if (!(intrinsic.argument() instanceof Scalar scalar) || scalar.isNull()) {
            throw TemplateProblem.at(intrinsic, "expected " + intrinsic.writtenAs() + " with " + expected
                    + ", found " + intrinsic.argument().describe());
        }
        return scalar.text();
    }

    private static void requireResolvable(Intrinsic where, TemplateParameter parameter) {
        if (!parameter.isResolvable()) {
            throw TemplateProblem.at(where, "expected a parameter of Type "
                    + String.join(", ", TemplateParameter.RESOLVED_TYPES) + ", found parameter '" + parameter.name()
                    + "' of Type " + parameter.type() + ", which Overtime does not resolve");
        }
    }

    private static Scalar text(Intrinsic where, String text) {
        return new Scalar(text, ScalarKind.STRING, where.line(), where.path());
    }
}
