package dev.overtime.runtime;

/**
 * The function cannot run as configured: its handler is missing or malformed, its class failed to
 * initialize, its constructor threw, or its serializer could not be set up. Reported in the shape
 * AWS gives such faults: a message and, when there is one, the type of the underlying throwable.
 */
final class HandlerFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The errorType of the report; null when the fault has no underlying throwable. */
    final String errorType;

    HandlerFault(String message, String errorType, Throwable cause) {
        super(message, cause);
        this.errorType = errorType;
    }

    /** A fault whose message and type are those of {@code cause}. */
    static HandlerFault of(Throwable cause) {
        return new HandlerFault(ErrorReport.messageOf(cause), cause.getClass().getName(), cause);
    }

    byte[] body() {
        return ErrorReport.fromFault(getMessage(), errorType);
    }

    String logText() {
        return ErrorReport.logText(getMessage(), errorType, getCause());
    }
}
