package dev.overtime.platform.invoke;

/** A Lambda API request that fails with one of AWS's error codes; rendered by {@link ApiErrors}. */
public final class LambdaApiException extends Exception {
    private final ApiError error;
    private final String reason;

    public LambdaApiException(ApiError error, String message) {
        this(error, message, null);
    }

    public LambdaApiException(ApiError error, String message, String reason) {
        super(message, null, false, false);
        this.error = error;
        this.reason = reason;
    }

    public ApiError error() {
        return error;
    }

    /** The {@code Reason} field of a 429, or null. */
    public String reason() {
        return reason;
    }
}
