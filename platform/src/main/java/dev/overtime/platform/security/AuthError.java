package dev.overtime.platform.security;

/** The errors AWS answers an unauthenticated or unauthorized request with; all are 403s. */
public enum AuthError {
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException"),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException"),
    INVALID_SIGNATURE("InvalidSignatureException"),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException"),
    ACCESS_DENIED("AccessDeniedException");

    private final String code;

    AuthError(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public int status() {
        return 403;
    }
}
