package dev.overtime.runtime;

import java.io.IOException;

/** The Runtime API answered with a status the protocol does not expect. */
final class RuntimeApiException extends IOException {
    private static final long serialVersionUID = 1L;

    final int status;

    RuntimeApiException(String request, int status, String body) {
        super(request + " answered " + status + (body.isEmpty() ? "" : ": " + body));
        this.status = status;
    }

    /** A 4xx: the platform refused this one request (unknown id, payload too large); the runtime can go on. */
    boolean isClientError() {
        return status >= 400 && status < 500;
    }
}
