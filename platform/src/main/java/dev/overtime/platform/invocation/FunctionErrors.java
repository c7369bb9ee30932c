package dev.overtime.platform.invocation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The errors the platform itself reports for an invocation, in the exact shape AWS Lambda gives
 * callers: {@code {"errorType": "...", "errorMessage": "RequestId: ... Error: ..."}}.
 */
public final class FunctionErrors {

    /** Lambda keeps a runtime-sent error type only if it has this form. */
    private static final Pattern ERROR_TYPE = Pattern.compile("[A-Za-z0-9_.$]{1,200}");

    public static final long MAX_PAYLOAD_BYTES = 6 * 1024 * 1024 + 100;

    private FunctionErrors() {
    }

    public static InvocationOutcome.Failure timedOut(String requestId, Duration timeout) {
        return failure("Sandbox.Timedout", requestId,
                "Task timed out after " + seconds(timeout) + " seconds");
    }

    public static InvocationOutcome.Failure initTimedOut(String requestId, Duration timeout) {
        return failure("Sandbox.Timedout", requestId,
                "Init timed out after " + seconds(timeout) + " seconds");
    }

    public static InvocationOutcome.Failure exited(String requestId, int exitStatus) {
        return failure("Runtime.ExitError", requestId, "Runtime exited with error: " + exitDescription(exitStatus));
    }

    /**
     * The environment's memory limit ended the runtime: AWS reports the signal with its own type
     * ({@code Runtime.OutOfMemory}), the message a killed runtime gets.
     */
    public static InvocationOutcome.Failure outOfMemory(String requestId, int exitStatus) {
        return failure("Runtime.OutOfMemory", requestId, "Runtime exited with error: " + exitDescription(exitStatus));
    }

    public static InvocationOutcome.Failure exitedBeforeInit(String requestId, int exitStatus) {
        return failure("Runtime.ExitError", requestId,
                "Runtime exited without providing a reason: " + exitDescription(exitStatus));
    }

    public static InvocationOutcome.Failure invalidEntrypoint(String requestId, String detail) {
        return failure("Runtime.InvalidEntrypoint", requestId, detail);
    }

    public static InvocationOutcome.Failure responseTooLarge(long size) {
        return new InvocationOutcome.Failure("Function.ResponseSizeTooLarge", json("Function.ResponseSizeTooLarge",
                "Response payload size (" + size + " bytes) exceeded maximum allowed payload size ("
                        + MAX_PAYLOAD_BYTES + " bytes)."));
    }

    /** The platform could not run the invocation at all, e.g. it is shutting down. */
    public static InvocationOutcome.Failure sandboxFailure(String requestId, String detail) {
        return failure("Sandbox.Failure", requestId, detail);
    }

    /**
     * An error the runtime posted on {@code /error} or {@code /init/error}. The body passes through as
     * the runtime sent it when it is a JSON object, as AWS does; otherwise it is wrapped.
     */
    public static InvocationOutcome.Failure fromRuntime(String errorTypeHeader, byte[] body) {
        String type = errorTypeHeader != null && ERROR_TYPE.matcher(errorTypeHeader).matches()
                ? errorTypeHeader : "Function.Unknown";
        if (looksLikeJsonObject(body)) {
            return new InvocationOutcome.Failure(type, body);
        }
        String message = new String(body, StandardCharsets.UTF_8);
        return new InvocationOutcome.Failure(type, json(type, message));
    }

    /** An external extension's process ended while the environment ran; the environment is replaced. */
    public static InvocationOutcome.Failure extensionCrash(String requestId) {
        return failure("Extension.Crash", requestId, "an extension exited; the execution environment was reset");
    }

    public static InvocationOutcome.Failure failure(String type, String requestId, String detail) {
        return new InvocationOutcome.Failure(type, json(type, "RequestId: " + requestId + " Error: " + detail));
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f", d.toMillis() / 1000.0);
    }

    /** How Lambda describes a runtime's exit: {@code exit status 3}, {@code signal: killed}. */
    public static String exitDescription(int status) {
        // Java reports a signal death as 128 + signal number, as shells do.
        if (status > 128 && status < 160) {
            return status == 137 ? "signal: killed" : "signal: " + (status - 128);
        }
        return "exit status " + status;
    }

    private static boolean looksLikeJsonObject(byte[] body) {
        for (byte b : body) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == '{';
        }
        return false;
    }

    private static byte[] json(String type, String message) {
        return ("{\"errorType\":" + Json.quote(type) + ",\"errorMessage\":" + Json.quote(message) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
