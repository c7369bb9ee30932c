package dev.overtime.platform.cli;

/** An error response from the platform, as {@code ErrorType: message}: the request reached it and was refused. */
final class ApiFailure extends CliFailure {
    ApiFailure(String message) {
        super(message);
    }
}
