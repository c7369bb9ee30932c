package dev.overtime.platform.environment;

import java.util.Map;

/**
 * Runs the built-in web adapter layer's {@code lambda-adapter} inside the platform instead of as an
 * extension process: the launcher hands it the environment and the variables the process would have had.
 */
@FunctionalInterface
public interface WebAdapterHost {

    /** Starts the adapter for {@code env}; it ends by itself when the environment shuts down. */
    void start(Environment env, Map<String, String> variables);
}
