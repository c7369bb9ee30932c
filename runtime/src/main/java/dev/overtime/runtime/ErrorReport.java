package dev.overtime.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Error bodies for {@code /error} and {@code /init/error}, shaped as AWS's Java runtime shapes them:
 * {@code {"errorMessage","errorType","stackTrace":[...],"cause":{...}}}.
 */
final class ErrorReport {

    /** Header value for an exception the handler threw. */
    static final String USER_EXCEPTION = "Runtime.UserException";
    /** Header value for a function that cannot run: bad handler, failed init, broken serializer. */
    static final String BAD_FUNCTION_CODE = "Runtime.BadFunctionCode";

    private static final String RUNTIME_PACKAGE = ErrorReport.class.getPackage().getName();
    private static final int MAX_CAUSES = 32;

    private ErrorReport() {
    }

    /**
     * The body for a throwable: its class name as errorType, its message (or class name) as
     * errorMessage, its frames as {@code StackTraceElement.toString()} strings, and its causes nested
     * under {@code cause}. Frames of this runtime are cut off first, as AWS cuts its own.
     */
    static byte[] fromThrowable(Throwable t) {
        filterStackTrace(t);
        StringBuilder sb = new StringBuilder(1024);
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        appendThrowable(sb, t, seen, 0);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The body AWS sends for a fault in the function's setup: no stack trace, errorType only if known. */
    static byte[] fromFault(String message, String errorType) {
        StringBuilder sb = new StringBuilder(128).append("{\"errorMessage\":");
        Json.quote(sb, message);
        if (errorType != null) {
            sb.append(",\"errorType\":");
            Json.quote(sb, errorType);
        }
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The log line AWS writes for a failed invocation or init: {@code message: type} and the stack trace. */
    static String logText(String message, String errorType, Throwable t) {
        if (errorType == null && t == null) {
            return message;
        }
        return message + ": " + (errorType == null ? "" : errorType) + "\n" + (t == null ? "" : trace(t));
    }

    static String messageOf(Throwable t) {
        String message = t.getLocalizedMessage();
        return message == null ? t.getClass().getName() : message;
    }

    /**
     * Removes, in place, this runtime's frames and everything below them from the stack traces of
     * {@code t}, its causes and suppressed exceptions. Frames below the handler belong to the
     * runtime and would only confuse the function's author.
     */
    static <T extends Throwable> T filterStackTrace(T t) {
        filter(t, Collections.newSetFromMap(new IdentityHashMap<>()));
        return t;
    }

    private static void filter(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        StackTraceElement[] trace = t.getStackTrace();
        for (int i = 0; i < trace.length; i++) {
            if (isRuntimeFrame(trace[i])) {
                StackTraceElement[] kept = new StackTraceElement[i];
                System.arraycopy(trace, 0, kept, 0, i);
                t.setStackTrace(kept);
                break;
            }
        }
        filter(t.getCause(), seen);
        for (Throwable s : t.getSuppressed()) {
            filter(s, seen);
        }
    }

    private static boolean isRuntimeFrame(StackTraceElement e) {
        String cls = e.getClassName();
        // Exactly this package: functions may live in packages that start with the same prefix.
        return cls.startsWith(RUNTIME_PACKAGE) && cls.lastIndexOf('.') == RUNTIME_PACKAGE.length();
    }

    private static void appendThrowable(StringBuilder sb, Throwable t, Set<Throwable> seen, int depth) {
        seen.add(t);
        sb.append("{\"errorMessage\":");
        Json.quote(sb, messageOf(t));
        sb.append(",\"errorType\":");
        Json.quote(sb, t.getClass().getName());
        sb.append(",\"stackTrace\":[");
        StackTraceElement[] trace = t.getStackTrace();
        for (int i = 0; i < trace.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Json.quote(sb, trace[i].toString());
        }
        sb.append(']');
        Throwable cause = t.getCause();
        if (cause != null && !seen.contains(cause) && depth < MAX_CAUSES) {
            sb.append(",\"cause\":");
            appendThrowable(sb, cause, seen, depth + 1);
        }
        sb.append('}');
    }

    private static String trace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }
}
