package dev.overtime.platform.appsync.engine;

import dev.overtime.platform.appsync.AuthMode;

import java.util.Map;

/**
 * Who made a GraphQL request, as AppSync's {@code ctx.identity} describes it.
 *
 * @param mode     the authorization mode the request's credentials satisfied
 * @param identity {@code ctx.identity}: null for an API key, {@code {accountId, userArn, ...}} for IAM
 * @param headers  the request's headers, names in lower case ({@code ctx.request.headers})
 */
public record Caller(AuthMode mode, Map<String, Object> identity, Map<String, String> headers) {

    public Caller {
        headers = headers == null ? Map.of() : headers;
    }
}
