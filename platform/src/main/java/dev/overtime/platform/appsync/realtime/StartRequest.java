package dev.overtime.platform.appsync.realtime;

import dev.overtime.platform.security.RequestOrigin;

import java.util.Map;

/**
 * One subscription a client asks for.
 *
 * @param query          the GraphQL document
 * @param variables      its variables (may be empty)
 * @param operationName  the operation to run, or null
 * @param authorization  the start message's own auth headers (AppSync repeats them per start in
 *                       {@code extensions.authorization}); empty when the client sends none
 * @param connectionAuth the auth headers the connection was accepted with
 * @param extensions     the request's {@code extensions}, e.g. {@code {"replay": {"after": 41}}}
 * @param signedData     {@code payload.data} exactly as sent, the body an IAM signature of the start covers;
 *                       null when the dialect sends the request as an object
 * @param origin         where the connection came from
 */
public record StartRequest(String query, Map<String, Object> variables, String operationName,
                           Map<String, String> authorization, Map<String, String> connectionAuth,
                           Map<String, Object> extensions, String signedData, RequestOrigin origin) {

    public StartRequest {
        variables = variables == null ? Map.of() : variables;
        authorization = authorization == null ? Map.of() : authorization;
        connectionAuth = connectionAuth == null ? Map.of() : connectionAuth;
        extensions = extensions == null ? Map.of() : extensions;
    }
}
