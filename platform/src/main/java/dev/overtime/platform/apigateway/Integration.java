package dev.overtime.platform.apigateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code x-amazon-apigateway-integration}, or what SAM generates for a function event.
 *
 * @param type                 AWS_PROXY, AWS (non-proxy) or MOCK
 * @param functionName         the function its Lambda URI names (null for MOCK)
 * @param qualifier            the alias or version the URI names, or null
 * @param payloadFormatVersion {@code 1.0} or {@code 2.0} (HTTP APIs; REST proxy is always 1.0)
 * @param requestParameters    integration parameter to its source, e.g.
 *                             {@code integration.request.header.X-Amz-Invocation-Type} to
 *                             {@code method.request.header.InvocationType} or {@code 'Event'}
 * @param requestTemplates     VTL request templates by content type
 * @param passthroughBehavior  {@code WHEN_NO_MATCH} (default), {@code WHEN_NO_TEMPLATES} or {@code NEVER}
 * @param responses            integration responses, {@code default} included, in definition order
 * @param timeout              the integration timeout (29 s by default)
 * @param stream               {@code responseTransferMode: STREAM}: the response is relayed chunk by chunk
 */
public record Integration(IntegrationType type, String functionName, String qualifier, String payloadFormatVersion,
                          Map<String, String> requestParameters, Map<String, String> requestTemplates,
                          String passthroughBehavior, List<IntegrationResponse> responses, Duration timeout,
                          boolean stream) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(29);

    public enum IntegrationType { AWS_PROXY, AWS, MOCK }

    /**
     * One of {@code responses}.
     *
     * @param selectionPattern   {@code default}, or a regular expression matched against the function's
     *                           {@code errorMessage} (non-proxy)
     * @param statusCode         the method response status it answers
     * @param responseTemplates  VTL response templates by content type
     * @param responseParameters method response parameter to its source, e.g. {@code method.response.header.X}
     *                           to {@code 'value'} or {@code integration.response.body.field}
     */
    public record IntegrationResponse(String selectionPattern, String statusCode, Map<String, String> responseTemplates,
                                      Map<String, String> responseParameters) {
        public IntegrationResponse {
            responseTemplates = Map.copyOf(responseTemplates);
            responseParameters = Map.copyOf(responseParameters);
        }
    }

    public Integration {
        Objects.requireNonNull(type, "type");
        requestParameters = Map.copyOf(requestParameters);
        requestTemplates = Map.copyOf(requestTemplates);
        passthroughBehavior = passthroughBehavior == null ? "WHEN_NO_MATCH" : passthroughBehavior;
        responses = List.copyOf(responses);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        payloadFormatVersion = payloadFormatVersion == null ? "1.0" : payloadFormatVersion;
    }
}
