package dev.overtime.lambda.appsync;

/**
 * A chunk was not published: the API refused it (a 4xx, or a GraphQL error in the answer), or kept
 * failing (connection errors, 5xx, throttling) until the retries ran out.
 */
public final class PublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorType;

    PublishException(String message, int status, String errorType, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorType = errorType;
    }

    /** The last HTTP status the API answered, or 0 when it could not be reached. */
    public int status() {
        return status;
    }

    /** The first GraphQL error's {@code errorType} (e.g. {@code UnauthorizedException}), or null. */
    public String errorType() {
        return errorType;
    }
}
