package dev.overtime.platform.server;

import dev.overtime.platform.environment.EnvironmentSettings;

import java.nio.file.Path;

/**
 * What {@code overtime serve} runs with when no option changes it: environments frozen between
 * invocations, function output echoed to the console, a class-data archive of the Java runtime made
 * and used, one selector per core, and
 * {@link EnvironmentSettings#defaults}' values for the rest (32 environments per function, 10 minutes
 * of idle, 200 MB streams). The serve command's option defaults come from here, and so do the
 * benchmarks' platforms, so that the figures in docs/benchmarks.md are what users get.
 */
public final class ServeDefaults {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 9000;
    public static final Path DATA = Path.of(".overtime");

    private ServeDefaults() {
    }

    /** serve's configuration without options, listening on {@code host:port}, its data in {@code dataDir}. */
    public static PlatformConfig config(String host, int port, Path dataDir) {
        // Only serve's differences from the library defaults, so settings added there carry over.
        EnvironmentSettings settings = EnvironmentSettings.defaults(dataDir).withFreeze(true).withEcho(true)
                .withClassDataArchive(true);
        return new PlatformConfig(host, port, settings);
    }

    /** serve's configuration without any option at all. */
    public static PlatformConfig config() {
        return config(HOST, PORT, DATA);
    }
}
