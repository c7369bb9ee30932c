package dev.overtime.platform.server;

import dev.overtime.platform.appsync.subscriptions.SubscriptionSettings;
import dev.overtime.platform.async.AsyncSettings;
import dev.overtime.platform.async.store.EventStoreChoice;
import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.http.PortLimits;
import dev.overtime.platform.security.AuthSettings;

import java.io.PrintStream;
import java.util.Objects;

/**
 * How to run the platform. {@link ServeDefaults} gives what {@code overtime serve} runs with.
 *
 * @param host         the address the public doors listen on ({@code 127.0.0.1} unless self-hosting)
 * @param port         the public port; 0 picks a free one
 * @param environments settings of execution environments
 * @param async        timings of asynchronous delivery (AWS's by default)
 * @param selectors    selector threads serving every HTTP connection, callers' and runtimes' alike;
 *                     0 for one per core
 * @param console      where function output is echoed (if {@link EnvironmentSettings#echoFunctionLogs()})
 *                     and where the platform's notices about it go: {@code System.out} by default
 * @param subscriptions limits of GraphQL subscriptions: replay buffer and payload size
 * @param limits       what any one caller may ask of a port: head size, idle and head deadlines, connections
 * @param auth         who may call: {@link AuthSettings#OFF} (everyone, unchecked) or SigV4 and IAM policies
 * @param store        where the asynchronous side lives: embedded SQLite, or a PostgreSQL database nodes share
 */
public record PlatformConfig(String host, int port, EnvironmentSettings environments, AsyncSettings async,
                             int selectors, PrintStream console, SubscriptionSettings subscriptions,
                             PortLimits limits, AuthSettings auth, EventStoreChoice store) {

    public PlatformConfig {
        if (selectors < 0) {
            throw new IllegalArgumentException("selectors must be 0 (automatic) or more, got " + selectors);
        }
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(subscriptions, "subscriptions");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(store, "store");
    }

    public PlatformConfig(String host, int port, EnvironmentSettings environments, AsyncSettings async,
                          int selectors, PrintStream console, SubscriptionSettings subscriptions) {
        this(host, port, environments, async, selectors, console, subscriptions, PortLimits.DEFAULTS, AuthSettings.OFF,
                EventStoreChoice.EMBEDDED);
    }

    public PlatformConfig(String host, int port, EnvironmentSettings environments, AsyncSettings async,
                          int selectors, PrintStream console) {
        this(host, port, environments, async, selectors, console, SubscriptionSettings.DEFAULTS);
    }

    public PlatformConfig(String host, int port, EnvironmentSettings environments, AsyncSettings async) {
        this(host, port, environments, async, 0, System.out);
    }

    public PlatformConfig(String host, int port, EnvironmentSettings environments) {
        this(host, port, environments, AsyncSettings.defaults());
    }

    public PlatformConfig withSelectors(int count) {
        return new PlatformConfig(host, port, environments, async, count, console, subscriptions, limits, auth, store);
    }

    public PlatformConfig withEnvironments(EnvironmentSettings settings) {
        return new PlatformConfig(host, port, settings, async, selectors, console, subscriptions, limits, auth, store);
    }

    public PlatformConfig withConsole(PrintStream stream) {
        return new PlatformConfig(host, port, environments, async, selectors, stream, subscriptions, limits, auth, store);
    }

    public PlatformConfig withSubscriptions(SubscriptionSettings settings) {
        return new PlatformConfig(host, port, environments, async, selectors, console, settings, limits, auth, store);
    }

    public PlatformConfig withLimits(PortLimits portLimits) {
        return new PlatformConfig(host, port, environments, async, selectors, console, subscriptions, portLimits, auth,
                store);
    }

    public PlatformConfig withAuth(AuthSettings settings) {
        return new PlatformConfig(host, port, environments, async, selectors, console, subscriptions, limits, settings,
                store);
    }

    public PlatformConfig withStore(EventStoreChoice choice) {
        return new PlatformConfig(host, port, environments, async, selectors, console, subscriptions, limits, auth,
                choice);
    }
}
