package dev.overtime.platform.security;

import dev.overtime.platform.http.Responses;
import dev.overtime.platform.invocation.Json;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Renders a refused request as AWS's JSON APIs do: the code in {@code x-amzn-ErrorType} and
 * {@code {"Type":"User","message":...}}, which the SDKs turn into their exceptions with that error code.
 */
public final class AuthErrors {

    private AuthErrors() {
    }

    public static void render(Response response, Callback callback, AuthFailure failure) {
        response.getHeaders().put("x-amzn-ErrorType", failure.error().code());
        Responses.json(response, callback, failure.error().status(), "{\"Type\":\"User\",\"message\":"
                + Json.quote(failure.getMessage()) + "}");
    }

    /** A Function URL's answer to any request its IAM auth refuses, as AWS gives it. */
    public static void forbidden(Response response, Callback callback) {
        Responses.json(response, callback, 403, "{\"Message\":\"Forbidden\"}");
    }
}
