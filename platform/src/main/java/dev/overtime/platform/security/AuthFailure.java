package dev.overtime.platform.security;

/** A request refused before it reached a door, with AWS's code and message. */
public final class AuthFailure extends Exception {
    private final AuthError error;

    public AuthFailure(AuthError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public AuthError error() {
        return error;
    }

    /** An unknown access key, or a session token that is not the key's: AWS does not say which. */
    public static AuthFailure invalidToken() {
        return new AuthFailure(AuthError.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
    }
}
