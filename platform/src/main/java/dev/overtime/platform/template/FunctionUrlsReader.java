package dev.overtime.platform.template;

import dev.overtime.platform.function.FunctionUrlDefinition;
import dev.overtime.platform.template.TemplateValue.Mapping;
import dev.overtime.platform.template.TemplateValue.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Function URLs: SAM's {@code FunctionUrlConfig} on a function, and {@code AWS::Lambda::Url}
 * resources pointing at a function with {@code TargetFunctionArn} ({@code !Ref} or {@code !GetAtt .Arn}).
 * A URL invokes an alias or a version when SAM attaches it to the {@code AutoPublishAlias} alias, or when
 * the resource names one in {@code Qualifier} or in the ARN ({@code !Ref Function.Alias}, {@code !Ref Alias}).
 * {@code AuthType: AWS_IAM} URLs check SigV4 and {@code lambda:InvokeFunctionUrl} under {@code serve --auth iam};
 * without it they are served open, and {@code serve} warns.
 */
final class FunctionUrlsReader {

    private static final String QUALIFIER_EXPECTED = "$LATEST, an alias name, !Ref to an alias or "
            + "!GetAtt Version.Version";

    private final IntrinsicResolver resolver;
    private final DeclaredVersions declared;
    private final List<String> warnings;

    FunctionUrlsReader(IntrinsicResolver resolver, DeclaredVersions declared, List<String> warnings) {
        this.resolver = resolver;
        this.declared = declared;
        this.warnings = warnings;
    }

    /** The URL of a SAM function, if it declares {@code FunctionUrlConfig}; SAM attaches it to the alias. */
    Optional<FunctionUrlDefinition> fromFunction(TemplateResource function, String functionName) {
        return function.properties().get("FunctionUrlConfig").flatMap(resolver::resolve)
                .flatMap(config -> read(config, functionName, function.logicalId() + ".FunctionUrlConfig"))
                .map(url -> url.withQualifier(SamAutoPublish.aliasName(function, resolver).orElse(null)));
    }

    /** The URL an {@code AWS::Lambda::Url} resource declares. */
    Optional<FunctionUrlDefinition> fromResource(TemplateResource url) {
        Optional<TemplateValue> properties = resolver.resolve(url.properties());
        Mapping resolved = (Mapping) properties.orElseThrow();
        TemplateValue target = resolved.get("TargetFunctionArn").orElseThrow(() ->
                TemplateProblem.at(url.properties(), "TargetFunctionArn is required"));
        QualifiedFunction function = QualifiedFunction.parse(
                PropertyValues.text(target, "a function name or ARN (!Ref or !GetAtt Function.Arn)"));
        String qualifier = qualifier(resolved, target, function);
        declared.requireOwnVersion(resolved.get("Qualifier").orElse(target), function.name(), qualifier);
        return read(resolved, function.name(), url.logicalId()).map(definition -> definition.withQualifier(qualifier));
    }

    /** The alias or version the URL invokes, from {@code Qualifier} or the target's ARN; null for $LATEST. */
    private static String qualifier(Mapping properties, TemplateValue target, QualifiedFunction function) {
        String fromArn = function.qualifier();
        if (fromArn != null && !Qualifiers.isQualifier(fromArn)) {
            throw TemplateProblem.expected(target, "a function ARN, optionally followed by an alias or a version");
        }
        Optional<TemplateValue> written = properties.get("Qualifier");
        String qualifier = written.map(value -> Qualifiers.read(value, QUALIFIER_EXPECTED)).orElse(fromArn);
        if (written.isPresent() && fromArn != null && !fromArn.equals(qualifier)) {
            throw TemplateProblem.at(written.get(), "expected the qualifier TargetFunctionArn names ('" + fromArn
                    + "'), found '" + qualifier + "'");
        }
        return Qualifiers.LATEST.equals(qualifier) ? null : qualifier;
    }

    private Optional<FunctionUrlDefinition> read(TemplateValue config, String functionName, String where) {
        if (!(config instanceof Mapping mapping)) {
            throw TemplateProblem.expected(config, "a mapping with AuthType, InvokeMode and Cors");
        }
        String authType = mapping.get("AuthType").map(v -> PropertyValues.text(v, "NONE or AWS_IAM")).orElse("NONE");
        if (!authType.equals("NONE") && !authType.equals("AWS_IAM")) {
            throw TemplateProblem.expected(mapping.get("AuthType").orElseThrow(), "NONE or AWS_IAM");
        }
        FunctionUrlDefinition.InvokeMode mode = FunctionUrlDefinition.InvokeMode.BUFFERED;
        Optional<TemplateValue> modeValue = mapping.get("InvokeMode");
        if (modeValue.isPresent()) {
            String text = PropertyValues.text(modeValue.get(), "BUFFERED or RESPONSE_STREAM");
            try {
                mode = FunctionUrlDefinition.InvokeMode.valueOf(text);
            } catch (IllegalArgumentException e) {
                throw TemplateProblem.expected(modeValue.get(), "BUFFERED or RESPONSE_STREAM");
            }
        }
        FunctionUrlDefinition.Cors cors = mapping.get("Cors").map(this::cors).orElse(null);
        return Optional.of(new FunctionUrlDefinition(functionName, mode, cors, null,
                FunctionUrlDefinition.AuthType.valueOf(authType)));
    }

    private FunctionUrlDefinition.Cors cors(TemplateValue value) {
        if (!(value instanceof Mapping cors)) {
            throw TemplateProblem.expected(value, "a Cors mapping");
        }
        Integer maxAge = cors.get("MaxAge").map(v -> (int) PropertyValues.integer(v, 0, 86400,
                "an integer from 0 to 86400")).orElse(null);
        boolean credentials = cors.get("AllowCredentials")
                .map(v -> Boolean.parseBoolean(PropertyValues.text(v, "true or false"))).orElse(false);
        return new FunctionUrlDefinition.Cors(credentials, list(cors, "AllowHeaders"), list(cors, "AllowMethods"),
                list(cors, "AllowOrigins"), list(cors, "ExposeHeaders"), maxAge);
    }

    private static List<String> list(Mapping cors, String key) {
        List<String> out = new ArrayList<>();
        cors.get(key).ifPresent(value -> {
            if (!(value instanceof Sequence sequence)) {
                throw TemplateProblem.expected(value, "a list of strings");
            }
            sequence.items().forEach(item -> out.add(PropertyValues.text(item, "a string")));
        });
        return out;
    }
}
