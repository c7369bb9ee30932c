package dev.overtime.platform.extensions;

/** A refused Extensions API request, answered as {@code {"errorMessage","errorType"}} with {@code status}. */
public final class ExtensionApiException extends Exception {
    private final int status;
    private final String errorType;

    public ExtensionApiException(int status, String errorType, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorType = errorType;
    }

    public int status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }
}
