package dev.overtime.platform.url;

/** A streamed response's prelude is too large, not JSON, or never ended; the door answers 502. */
public final class InvalidPreludeException extends RuntimeException {

    public InvalidPreludeException(String message) {
        super(message);
    }

    public InvalidPreludeException(String message, Throwable cause) {
        super(message, cause);
    }
}
