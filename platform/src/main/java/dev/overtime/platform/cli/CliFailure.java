package dev.overtime.platform.cli;

import java.io.IOException;
import java.net.BindException;

/** Turns an exception into the one line a user can act on. */
class CliFailure extends RuntimeException {
    CliFailure(String message) {
        super(message, null, false, false);
    }

    static String describe(Throwable e) {
        if (e instanceof CliFailure) {
            return e.getMessage();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || (t instanceof IOException && String.valueOf(t.getMessage())
                    .startsWith("Failed to bind"))) {
                return "cannot listen: " + t.getMessage() + " (is the port in use? choose another with --port)";
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
