package dev.overtime.platform.appsync.engine;

/** A request whose credentials the API does not accept: AppSync's 401 {@code UnauthorizedException}. */
public final class Unauthorized extends Exception {

    public Unauthorized(String message) {
        super(message, null, false, false);
    }
}
