package dev.overtime.platform.http;

import dev.overtime.platform.invocation.Json;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.util.function.Predicate;

/**
 * Answers what Jetty refuses before any door sees it (a malformed request line, an ambiguous or
 * over-long URI, too large a head) in the shape of the door the caller spoke to, never with Jetty's
 * HTML page or a stack trace: AWS's {@code {"Type","message"}} with {@code x-amzn-ErrorType} on the
 * callers' ports, the Runtime API's {@code {"errorMessage","errorType"}} on a runtime's.
 */
public final class JsonErrorHandler extends ErrorHandler {

    private final Predicate<Request> runtimeSide;

    /** @param runtimeSide whether a request arrived on an environment's Runtime API port */
    public JsonErrorHandler(Predicate<Request> runtimeSide) {
        this.runtimeSide = runtimeSide;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        boolean callersFault = code < 500 || code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505;
        // A server-side failure's text may name internals; the caller learns only that it failed.
        String reason = !callersFault || message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        if (runtimeSide.test(request)) {
            Responses.json(response, callback, code, "{\"errorMessage\":" + Json.quote(reason)
                    + ",\"errorType\":" + Json.quote(runtimeErrorType(code)) + "}");
            return;
        }
        response.getHeaders().put("x-amzn-ErrorType", awsErrorType(code));
        Responses.json(response, callback, code, "{\"Type\":\"" + (callersFault ? "User" : "Service")
                + "\",\"message\":" + Json.quote("The request was refused: " + reason) + "}");
    }

    /** AWS's common error codes for what an HTTP front end refuses. */
    static String awsErrorType(int status) {
        return switch (status) {
            case 400, 414, 431, 505 -> "ValidationException";
            case 405 -> "UnknownOperationException";
            case 408 -> "RequestTimeoutException";
            case 413 -> "RequestEntityTooLargeException";
            case 503 -> "ServiceUnavailableException";
            default -> status >= 500 ? "ServiceException" : "ValidationException";
        };
    }

    private static String runtimeErrorType(int status) {
        return switch (status) {
            case 413 -> "RequestEntityTooLarge";
            case 414, 431 -> "RequestTooLarge";
            default -> status >= 500 ? "ServiceException" : "InvalidRequest";
        };
    }
}
