package dev.overtime.platform.security;

import dev.overtime.platform.http.BodyReader;
import dev.overtime.platform.http.Responses;
import dev.overtime.platform.invocation.Json;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.Map;

/**
 * Puts {@link AccessControl} in front of the main port's AWS APIs ({@code serve --auth iam}). The body
 * is read first (without blocking, as every door reads), because a SigV4 signature covers its hash;
 * the doors then read it again from a {@link ReplayedBodyRequest}. Without {@code --auth} this
 * handler is not installed at all.
 */
public final class SignedApiGuard implements Request.Handler {

    /** The largest body any main-port API takes (UpdateFunctionCode's); larger ones are refused. */
    private static final long MAX_BODY_BYTES = 60L * 1024 * 1024;

    private final AccessControl access;
    private final ApiActions actions;
    private final Request.Handler apis;

    public SignedApiGuard(AccessControl access, ApiActions actions, Request.Handler apis) {
        this.access = access;
        this.actions = actions;
        this.apis = apis;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        RequestedAction action = actions.of(request);
        BodyReader.read(request, MAX_BODY_BYTES, (body, failed) -> {
            if (failed != null) {
                response.getHeaders().put("x-amzn-ErrorType", "InvalidRequestContentException");
                Responses.json(response, callback, 400, "{\"Type\":\"User\",\"message\":"
                        + Json.quote("Could not read the request body: " + failed.getMessage()) + "}");
                return;
            }
            if (body.exceeded(MAX_BODY_BYTES)) {
                response.getHeaders().put("x-amzn-ErrorType", "RequestTooLargeException");
                Responses.json(response, callback, 413, "{\"Type\":\"User\",\"message\":\"Request must be smaller "
                        + "than " + MAX_BODY_BYTES + " bytes\"}");
                return;
            }
            AccessControl.Allowed allowed;
            try {
                allowed = access.check(request, body.bytes(), action, Map.of());
            } catch (AuthFailure f) {
                AuthErrors.render(response, callback, f);
                return;
            }
            try {
                if (!apis.handle(new ReplayedBodyRequest(request, allowed.body()), response, callback)) {
                    Responses.json(response, callback, 404, "{\"message\":\"Overtime serves no such route\"}");
                }
            } catch (Exception e) {
                Responses.json(response, callback, 500, "{\"message\":\"Overtime failed to handle the request\"}");
            }
        });
        return true;
    }
}
