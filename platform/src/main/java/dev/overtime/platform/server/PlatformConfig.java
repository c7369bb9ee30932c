package dev.overtime.platform.server;

import dev.overtime.platform.async.AsyncSettings;
import dev.overtime.platform.environment.EnvironmentSettings;

/**
 * How to run the platform.
 *
 * @param host         the address the public doors listen on ({@code 127.0.0.1} unless self-hosting)
 * @param port         the public port; 0 picks a free one
 * @param environments settings of execution environments
 * @param async        timings of asynchronous delivery (AWS's by default)
 * @param selectors    selector threads serving every HTTP connection, callers' and runtimes' alike;
 *                     0 for one per core
 */
public record PlatformConfig(String host, int port, EnvironmentSettings environments, AsyncSettings async,
                             int selectors) {

    public PlatformConfig {
        if (selectors < 0) {
            throw new IllegalArgumentException("selectors must be 0 (automatic) or more, got " + selectors);
        }
    }

    public PlatformConfig(String host, int port, EnvironmentSettings environments, AsyncSettings async) {
        this(host, port, environments, async, 0);
    }

    public PlatformConfig(String host, int port, EnvironmentSettings environments) {
        this(host, port, environments, AsyncSettings.defaults());
    }

    public PlatformConfig withSelectors(int count) {
        return new PlatformConfig(host, port, environments, async, count);
    }
}
