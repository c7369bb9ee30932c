package dev.overtime.platform.template;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the template function an API points at: an integration or authorizer {@code uri}
 * ({@code arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/<function ARN>/invocations}), or a function
 * ARN (HTTP APIs, SAM's {@code FunctionArn}, quick create's {@code Target}). The function ARN may end in an alias or a
 * version, and may use the API's stage variables ({@code ${stageVariables.fn}}), which are filled in.
 */
final class LambdaUris {

    static final String FUNCTION_EXPECTED = "a Lambda function the template defines";

    private static final Pattern INVOCATION_URI = Pattern.compile(
            "arn:[a-z-]+:apigateway:[^:]*:lambda:path/[0-9-]+/functions/(.+)/(invocations|response-streaming-invocations)");
    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");

    private final Set<String> functionNames;
    private final DeclaredVersions declared;

    /** @param functionNames the names callers know the template's functions by */
    LambdaUris(Set<String> functionNames, DeclaredVersions declared) {
        this.functionNames = Set.copyOf(functionNames);
        this.declared = declared;
    }

    /**
     * A function, its qualifier (null for {@code $LATEST}) and whether the URI asks for a streamed response.
     */
    record Target(String functionName, String qualifier, boolean streaming) {
    }

    /**
     * The function a resolved {@code uri} invokes; empty when the URI is not a Lambda invocation (an AWS service
     * integration) or names it through a stage variable the stage lacks.
     *
     * @throws TemplateProblem when the URI names a function the template does not define
     */
    Optional<Target> uri(TemplateValue uri, Map<String, String> stageVariables) {
        String text = withStageVariables(PropertyValues.text(uri, "a Lambda invocation URI"), stageVariables);
        Matcher invocation = INVOCATION_URI.matcher(text);
        if (invocation.matches()) {
            return function(uri, invocation.group(1))
                    .map(t -> new Target(t.functionName(), t.qualifier(), invocation.group(2).startsWith("response")));
        }
        return QualifiedFunction.isArn(text) && text.startsWith("arn:") && text.contains(":lambda:")
                ? function(uri, text) : Optional.empty();
    }

    /**
     * The function a resolved name or ARN names ({@code FunctionArn}, {@code Target}).
     *
     * @throws TemplateProblem when it names a function the template does not define
     */
    Target function(TemplateValue nameOrArn) {
        String text = PropertyValues.text(nameOrArn, FUNCTION_EXPECTED);
        return function(nameOrArn, text).orElseThrow(() -> TemplateProblem.at(nameOrArn, "expected "
                + FUNCTION_EXPECTED + ", found '" + text + "', which uses a stage variable"));
    }

    private Optional<Target> function(TemplateValue where, String arn) {
        if (arn.contains("${")) {
            return Optional.empty();
        }
        QualifiedFunction function = QualifiedFunction.parse(arn);
        if (!functionNames.contains(function.name())) {
            throw TemplateProblem.at(where, "expected " + FUNCTION_EXPECTED + ", found function '" + function.name()
                    + "', which the template does not define");
        }
        String qualifier = function.qualifier();
        if (qualifier != null && !Qualifiers.isQualifier(qualifier)) {
            throw TemplateProblem.at(where, "expected a function ARN, optionally followed by an alias or a version, "
                    + "found '" + arn + "'");
        }
        declared.requireOwnVersion(where, function.name(), qualifier);
        return Optional.of(new Target(function.name(), Qualifiers.LATEST.equals(qualifier) ? null : qualifier,
                false));
    }

    private static String withStageVariables(String text, Map<String, String> stageVariables) {
        return STAGE_VARIABLE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                stageVariables.getOrDefault(m.group(1), m.group())));
    }
}
