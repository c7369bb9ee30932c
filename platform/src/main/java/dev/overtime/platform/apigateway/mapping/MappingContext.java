package dev.overtime.platform.apigateway.mapping;

import java.util.List;
import java.util.Map;

/**
 * What one mapping template sees of a request (or, for a response template, of the integration's answer).
 *
 * @param body           the payload: {@code $input.body}, and what {@code $input.json} and {@code $input.path}
 *                       read; null is taken as empty
 * @param pathParameters path parameters by name
 * @param query          query string parameters by name, every value in arrival order
 * @param headers        request headers by name (looked up without regard to case), every value in arrival order
 * @param stageVariables {@code $stageVariables}
 * @param context        the read-only {@code $context} values: {@code requestId}, {@code extendedRequestId},
 *                       {@code stage}, {@code httpMethod}, {@code resourcePath}, {@code path}, {@code apiId},
 *                       {@code accountId}, {@code domainName}, {@code protocol}, {@code requestTime},
 *                       {@code requestTimeEpoch}, {@code identity} (a map: {@code sourceIp}, {@code userAgent},
 *                       ...) and {@code authorizer} (a map: {@code principalId}, {@code claims} and the
 *                       authorizer's context keys). Any other key is passed through as it is.
 */
public record MappingContext(String body, Map<String, String> pathParameters, Map<String, List<String>> query,
                             Map<String, List<String>> headers, Map<String, String> stageVariables,
                             Map<String, Object> context) {

    public MappingContext {
        body = body == null ? "" : body;
        pathParameters = pathParameters == null ? Map.of() : pathParameters;
        query = query == null ? Map.of() : query;
        headers = headers == null ? Map.of() : headers;
        stageVariables = stageVariables == null ? Map.of() : stageVariables;
        context = context == null ? Map.of() : context;
    }
}
