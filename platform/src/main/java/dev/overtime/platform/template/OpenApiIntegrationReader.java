package dev.overtime.platform.template;

import dev.overtime.platform.apigateway.ApiKind;
import dev.overtime.platform.apigateway.Integration;
import dev.overtime.platform.apigateway.Integration.IntegrationResponse;
import dev.overtime.platform.apigateway.Integration.IntegrationType;
import dev.overtime.platform.template.TemplateValue.Mapping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one {@code x-amazon-apigateway-integration} into the route it belongs to. Lambda integrations
 * ({@code aws_proxy}, {@code aws}) and {@code mock} are served; HTTP integrations and AWS service integrations leave
 * the route out with a warning. {@code httpMethod}, {@code credentials}, caching and connection settings are ignored.
 */
final class OpenApiIntegrationReader {

    static final String EXTENSION = "x-amazon-apigateway-integration";

    private static final Set<String> PASSTHROUGH = Set.of("WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER");
    private static final String PAYLOAD_VERSIONS = "'1.0' or '2.0'";
    private static final long MIN_TIMEOUT_MS = 50;
    /** REST APIs go past 29 s with a quota increase, up to five minutes. */
    private static final long MAX_TIMEOUT_MS = 300_000;

    private final LambdaUris lambdaUris;

    OpenApiIntegrationReader(LambdaUris lambdaUris) {
        this.lambdaUris = lambdaUris;
    }

    /** Reads the extension into the route: its integration, or why it is left out. */
    void read(TemplateValue written, ApiDraft draft, ApiDraft.RouteDraft route) {
        Mapping extension = ApiValues.mapping(written, "a map with type and uri");
        route.integrated = true;
        TemplateValue typeValue = extension.get("type")
                .orElseThrow(() -> TemplateProblem.required(extension, "type", "aws_proxy, aws or mock"));
        String type = PropertyValues.text(typeValue, "aws_proxy, aws or mock").toLowerCase(Locale.ROOT);
        IntegrationType integrationType = switch (type) {
            case "aws_proxy" -> IntegrationType.AWS_PROXY;
            case "aws" -> IntegrationType.AWS;
            case "mock" -> IntegrationType.MOCK;
            case "http", "http_proxy" -> null;
            default -> throw TemplateProblem.expected(typeValue, "aws_proxy, aws, mock, http or http_proxy");
        };
        if (integrationType == null) {
            route.leftOutBecause = "HTTP integrations are not served yet";
            return;
        }
        LambdaUris.Target target = null;
        if (integrationType != IntegrationType.MOCK) {
            Optional<TemplateValue> uri = extension.get("uri");
            if (uri.isEmpty()) {
                route.leftOutBecause = "an integration without a uri (an AWS service integration) is not served";
                return;
            }
            Optional<LambdaUris.Target> lambda = lambdaUris.uri(uri.get(), draft.stageVariables);
            if (lambda.isEmpty()) {
                route.leftOutBecause = "uri '" + PropertyValues.text(uri.get(), "a uri")
                        + "' does not invoke a template function; only Lambda integrations are served";
                return;
            }
            target = lambda.get();
        }
        if (extension.get("contentHandling").isPresent()) {
            draft.warn(draft.logicalId + ": " + route.key() + ": contentHandling is not served yet");
        }
        route.integration = new Integration(integrationType, target == null ? null : target.functionName(),
                target == null ? null : target.qualifier(), payloadFormatVersion(extension, draft.kind),
                map(extension, "requestParameters", "parameter mappings"),
                map(extension, "requestTemplates", "mapping templates"), passthrough(extension),
                responses(extension), timeout(extension, draft), stream(extension, target));
    }

    private static String payloadFormatVersion(Mapping extension, ApiKind kind) {
        Optional<TemplateValue> written = extension.get("payloadFormatVersion");
        if (written.isEmpty()) {
            return kind == ApiKind.HTTP ? "2.0" : "1.0";
        }
        String version = PropertyValues.text(written.get(), PAYLOAD_VERSIONS);
        if (!version.equals("1.0") && !version.equals("2.0")) {
            throw TemplateProblem.expected(written.get(), PAYLOAD_VERSIONS);
        }
        return version;
    }

    private static Map<String, String> map(Mapping extension, String key, String expected) {
        return extension.get(key).map(value -> ApiValues.textMap(value, expected)).orElse(Map.of());
    }

    private static String passthrough(Mapping extension) {
        Optional<TemplateValue> written = extension.get("passthroughBehavior");
        if (written.isEmpty()) {
            return null;
        }
        String expected = "when_no_match, when_no_templates or never";
        String behavior = PropertyValues.text(written.get(), expected).toUpperCase(Locale.ROOT);
        if (!PASSTHROUGH.contains(behavior)) {
            throw TemplateProblem.expected(written.get(), expected);
        }
        return behavior;
    }

    private static List<IntegrationResponse> responses(Mapping extension) {
        List<IntegrationResponse> responses = new ArrayList<>();
        extension.get("responses").ifPresent(value -> ApiValues.mapping(value,
                "a map of selection patterns to responses").entries().forEach((pattern, written) -> {
                    Mapping response = ApiValues.mapping(written, "a map with statusCode");
                    String status = ApiValues.text(response, "statusCode", "a status code such as 200")
                            .orElseThrow(() -> TemplateProblem.required(response, "statusCode",
                                    "a status code such as 200"));
                    responses.add(new IntegrationResponse(pattern, status,
                            map(response, "responseTemplates", "mapping templates"),
                            map(response, "responseParameters", "parameter mappings")));
                }));
        return responses;
    }

    private static Duration timeout(Mapping extension, ApiDraft draft) {
        return extension.get("timeoutInMillis")
                .map(value -> Duration.ofMillis(PropertyValues.integer(value, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS,
                        "an integer from 50 to 300000 (milliseconds)")))
                .orElse(draft.defaultTimeout());
    }

    private static boolean stream(Mapping extension, LambdaUris.Target target) {
        Optional<TemplateValue> written = extension.get("responseTransferMode");
        if (written.isEmpty()) {
            return target != null && target.streaming();
        }
        String mode = PropertyValues.text(written.get(), "BUFFERED or STREAM").toUpperCase(Locale.ROOT);
        if (!mode.equals("BUFFERED") && !mode.equals("STREAM")) {
            throw TemplateProblem.expected(written.get(), "BUFFERED or STREAM");
        }
        return mode.equals("STREAM");
    }
}
