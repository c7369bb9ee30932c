package dev.overtime.platform.apigateway;

import java.time.Duration;
import java.util.List;

/**
 * A Lambda authorizer.
 *
 * @param name             its name in the API
 * @param type             {@code TOKEN} or {@code REQUEST}
 * @param functionName     the authorizer function
 * @param identitySources  where the identity comes from: {@code method.request.header.Authorization} (REST),
 *                         {@code $request.header.Authorization} (HTTP)
 * @param cacheTtl         how long a result is reused for the same identity (0: never)
 * @param simpleResponses  HTTP APIs: the function answers {@code {"isAuthorized": true, "context": {...}}}
 * @param payloadFormatVersion HTTP APIs: {@code 1.0} or {@code 2.0}
 * @param validationExpression TOKEN authorizers: a regular expression the whole token must match, else API Gateway
 *                         answers 401 without calling the function; null for none
 */
public record LambdaAuthorizer(String name, String type, String functionName, List<String> identitySources,
                               Duration cacheTtl, boolean simpleResponses, String payloadFormatVersion,
                               String validationExpression) {

    public LambdaAuthorizer {
        identitySources = List.copyOf(identitySources);
    }

    /** An authorizer without a validation expression. */
    public LambdaAuthorizer(String name, String type, String functionName, List<String> identitySources,
                            Duration cacheTtl, boolean simpleResponses, String payloadFormatVersion) {
        this(name, type, functionName, identitySources, cacheTtl, simpleResponses, payloadFormatVersion, null);
    }
}
