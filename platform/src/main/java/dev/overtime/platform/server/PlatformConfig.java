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
 */
public record PlatformConfig(String host, int port, EnvironmentSettings environments, AsyncSettings async) {

    public PlatformConfig(String host, int port, EnvironmentSettings environments) {
        this(host, port, environments, AsyncSettings.defaults());
    }
}
