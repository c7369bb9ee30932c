package dev.overtime.platform.template;

import dev.overtime.platform.async.DestinationTargets;
import dev.overtime.platform.async.QueuedEvent;
import dev.overtime.platform.template.TemplateValue.Mapping;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one {@code OnSuccess} or {@code OnFailure} destination into what Overtime delivers to: the ARN of
 * a function the template defines (with the alias or version it names, if any), or an {@code http(s)://}
 * webhook URL (an Overtime extension, accepted with any {@code Type}). SQS, SNS, EventBridge and S3 are AWS services Overtime does not run; such a
 * destination is left out with a warning rather than failing a template that is otherwise servable.
 */
final class DestinationReader {

    static final String ON_SUCCESS = "OnSuccess";
    static final String ON_FAILURE = "OnFailure";

    private static final String EXPECTED =
            "a function ARN (!GetAtt Function.Arn), a function name (!Ref Function) or an http(s) URL";
    private static final String LAMBDA_TYPE = "Lambda";
    private static final Map<String, String> SAM_TYPE_SERVICES =
            Map.of("SQS", "SQS", "SNS", "SNS", "EventBridge", "EventBridge", "S3Bucket", "S3");
    private static final String TYPE_EXPECTED = "one of SQS, SNS, EventBridge, S3Bucket, Lambda";
    private static final Map<String, String> ARN_SERVICES =
            Map.of("sqs", "SQS", "sns", "SNS", "events", "EventBridge", "s3", "S3");
    private static final Map<String, String> RESOURCE_SERVICES = Map.of("AWS::SQS::Queue", "SQS",
            "AWS::SNS::Topic", "SNS", "AWS::Events::EventBus", "EventBridge", "AWS::S3::Bucket", "S3");
    private static final Set<String> PROPERTIES = Set.of("Type", "Destination");
    private static final Pattern FUNCTION_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:lambda:(?<region>[a-z0-9-]+):"
            + "(?<account>\\d{12}):function:(?<name>[a-zA-Z0-9-_]{1,64})(?::(?<qualifier>.+))?");

    private final TemplateContext ctx;
    private final IntrinsicResolver resolver;
    private final Map<String, TemplateResource> resources;
    private final Set<String> functionNames;
    private final DeclaredVersions declared;
    private final List<String> warnings;

    /**
     * @param functionNames the names of the template's functions, the only functions a destination may name
     * @param declared      the versions each function declares, which a destination ARN may name
     */
    DestinationReader(TemplateContext ctx, IntrinsicResolver resolver, Map<String, TemplateResource> resources,
            Collection<String> functionNames, DeclaredVersions declared, List<String> warnings) {
        this.ctx = ctx;
        this.resolver = resolver;
        this.resources = resources;
        this.functionNames = Set.copyOf(functionNames);
        this.declared = declared;
        this.warnings = warnings;
    }

    /**
     * The destination to deliver to, or {@code null} when it is a service Overtime does not serve.
     *
     * @param outcome  {@link #ON_SUCCESS} or {@link #ON_FAILURE}
     * @param where    how warnings name the destination,
     *                 e.g. {@code Hello.EventInvokeConfig.DestinationConfig.OnFailure}
     * @param function the name of the function whose records go there
     */
    String read(Mapping destination, String outcome, String where, String function) {
        destination.entries().keySet().stream()
                .filter(key -> !PROPERTIES.contains(key))
                .forEach(key -> warnings.add(where + "." + key + ": not a property of a destination; ignored"));
        Optional<String> unservedType = declaredType(destination)
                .filter(type -> !type.equals(LAMBDA_TYPE))
                .map(SAM_TYPE_SERVICES::get);
        Optional<TemplateValue> written = destination.get("Destination");
        Optional<TemplateResource> referenced = written.flatMap(value -> NonFunctionReferences.find(value, resources));
        if (referenced.isPresent()) {
            return notServed(RESOURCE_SERVICES.getOrDefault(referenced.get().type(), referenced.get().type()),
                    outcome, where, function);
        }
        Optional<TemplateValue> value = written.flatMap(resolver::resolve);
        if (value.isEmpty()) {
            if (unservedType.isPresent()) {
                return notServed(unservedType.get(), outcome, where, function);
            }
            throw new TemplateProblem(destination.line(), destination.childPath("Destination"),
                    "required: expected " + EXPECTED + ", found nothing");
        }
        String text = PropertyValues.text(value.get(), EXPECTED);
        if (QueuedEvent.isWebhook(text)) {
            return webhook(value.get(), text);
        }
        if (unservedType.isPresent()) {
            return notServed(unservedType.get(), outcome, where, function);
        }
        String service = text.startsWith("arn:") && text.split(":").length > 2 ? text.split(":")[2] : "lambda";
        if (!service.equals("lambda")) {
            return notServed(ARN_SERVICES.getOrDefault(service, service), outcome, where, function);
        }
        return functionArn(value.get(), text);
    }

    private Optional<String> declaredType(Mapping destination) {
        return destination.get("Type").flatMap(resolver::resolve).map(value -> {
            String type = PropertyValues.text(value, TYPE_EXPECTED);
            if (!type.equals(LAMBDA_TYPE) && !SAM_TYPE_SERVICES.containsKey(type)) {
                throw TemplateProblem.expected(value, TYPE_EXPECTED);
            }
            return type;
        });
    }

    private String notServed(String service, String outcome, String where, String function) {
        String instead = outcome.equals(ON_FAILURE)
                ? "failed events stay in Overtime's dead-letter store (overtime events " + function + " --state dead)"
                : "no success records are sent";
        warnings.add(where + ": " + service + " destinations are not served; " + instead);
        return null;
    }

    private String webhook(TemplateValue value, String url) {
        try {
            return DestinationTargets.target(url, ctx.region());
        } catch (IllegalArgumentException e) {
            throw TemplateProblem.expected(value, "an http(s) URL with a host");
        }
    }

    /**
     * The ARN of the template's function a name or ARN points at, in the form AWS gives it. An alias or a
     * version after the name is kept as written (a declared version as its token); the async side reads it.
     */
    private String functionArn(TemplateValue value, String text) {
        String name = text;
        String qualifier = null;
        if (text.startsWith("arn:")) {
            Matcher arn = FUNCTION_ARN.matcher(text);
            if (!arn.matches() || !arn.group("region").equals(ctx.region())
                    || (arn.group("qualifier") != null && !Qualifiers.isQualifier(arn.group("qualifier")))) {
                throw TemplateProblem.at(value, "expected " + EXPECTED + " in region " + ctx.region() + ", found '"
                        + text + "'");
            }
            if (!arn.group("account").equals(ctx.accountId())) {
                throw notDefined(value, text);
            }
            name = arn.group("name");
            qualifier = arn.group("qualifier");
        }
        if (!functionNames.contains(name)) {
            throw notDefined(value, text);
        }
        declared.requireOwnVersion(value, name, qualifier);
        boolean unqualified = qualifier == null || qualifier.equals(Qualifiers.LATEST);
        return FunctionArns.arn(ctx, name) + (unqualified ? "" : ":" + qualifier);
    }

    private static TemplateProblem notDefined(TemplateValue value, String text) {
        return TemplateProblem.at(value, "expected a destination function the template defines, found '" + text
                + "', which the template does not define");
    }
}
