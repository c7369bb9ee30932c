package dev.overtime.platform.invoke;

import dev.overtime.platform.http.Responses;
import dev.overtime.platform.invocation.Json;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Renders Lambda API errors exactly as AWS does: the code in the {@code x-amzn-ErrorType} header
 * and a JSON body {@code {"Type": "User", "message": "..."}} (plus {@code Reason} on a 429), which the
 * AWS SDKs turn into their typed exceptions.
 */
public final class ApiErrors {
    private ApiErrors() {
    }

    public static void render(Response response, Callback callback, LambdaApiException e) {
        ApiError error = e.error();
        response.getHeaders().put("x-amzn-ErrorType", error.code());
        StringBuilder body = new StringBuilder(128).append("{\"Type\":").append(Json.quote(error.type()))
                .append(",\"message\":").append(Json.quote(e.getMessage()));
        if (e.reason() != null) {
            body.append(",\"Reason\":").append(Json.quote(e.reason()));
            response.getHeaders().put("Retry-After", "1");
        }
        Responses.json(response, callback, error.status(), body.append('}').toString());
    }
}
