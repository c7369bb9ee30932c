package dev.overtime.platform.runtimeapi;

import dev.overtime.platform.http.Responses;
import dev.overtime.platform.invocation.Json;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The Runtime API's answers, in its own shape: {@code {"errorMessage": "...", "errorType": "..."}}. */
final class RuntimeApiErrors {
    private RuntimeApiErrors() {
    }

    static void send(Response response, Callback callback, int status, String errorType, String message) {
        Responses.json(response, callback, status,
                "{\"errorMessage\":" + Json.quote(message) + ",\"errorType\":" + Json.quote(errorType) + "}");
    }

    static void accepted(Response response, Callback callback) {
        Responses.json(response, callback, 202, "{\"status\":\"OK\"}");
    }

    static void invalidTransition(Response response, Callback callback, String requestId) {
        send(response, callback, 403, "InvalidStateTransition",
                "State transition from RuntimeResponseSent to InvocationResponse failed: invocation "
                        + requestId + " has already been answered");
    }

    static void notFound(Response response, Callback callback, String path) {
        send(response, callback, 404, "NotFound", "No Runtime API route for " + path);
    }

    static void methodNotAllowed(Response response, Callback callback) {
        send(response, callback, 405, "MethodNotAllowed", "Method not allowed");
    }
}
