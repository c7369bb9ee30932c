package dev.overtime.platform.environment;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Platform-wide settings of execution environments.
 *
 * @param dataDir            where logs and unpacked code live
 * @param region             the AWS region functions see
 * @param accountId          the account id in ARNs
 * @param defaultConcurrency environments per function when the function sets no reserved concurrency
 * @param idleTimeout        an idle environment is retired after this long
 * @param initTimeout        a runtime that has not asked for its first event by then is killed (Lambda: 10 s)
 * @param settleGrace        how long an invocation waits for a busy environment that has already answered
 *                           before a new environment is started for it
 * @param echoFunctionLogs   whether function output is echoed to the platform's console
 * @param maxStreamedBytes   the largest streamed response (Lambda: 200 MB)
 * @param shapeStreams       whether streamed responses are slowed to AWS's 6 MiB burst, then 2 MiB/s
 * @param freeze             whether environments' processes are stopped between invocations, as on AWS
 *                           (a function's own {@code Metadata.Overtime.Freeze} overrides it)
 * @param freezeGrace        how long an environment must stay idle (every worker waiting in {@code /next})
 *                           before it is frozen; zero freezes at once, as AWS does
 * @param classDataArchive   whether the platform makes a class-data archive of the Java runtime for each JDK
 *                           its Java functions use, in the background, and starts Java functions with it
 *                           once it exists ({@code ClassDataArchives}); off by default, so that tests, each
 *                           with a fresh data folder, do not each train one
 * @param hostedWebAdapter   whether the built-in web adapter layer's {@code lambda-adapter} runs inside the
 *                           platform ({@code webapp/HostedWebAdapter}) rather than as an extension process of
 *                           its own; on by default, except in sandboxes, whose apps the platform cannot reach
 * @param sandbox            whether each environment runs in a sandbox of its own ({@code serve --sandbox},
 *                           {@code dev.overtime.platform.sandbox}); off by default
 */
public record EnvironmentSettings(
        Path dataDir,
        String region,
        String accountId,
        int defaultConcurrency,
        Duration idleTimeout,
        Duration initTimeout,
        Duration settleGrace,
        boolean echoFunctionLogs,
        long maxStreamedBytes,
        boolean shapeStreams,
        boolean freeze,
        Duration freezeGrace,
        boolean classDataArchive,
        boolean hostedWebAdapter,
        boolean sandbox) {

    public static final long DEFAULT_MAX_STREAMED_BYTES = 200L * 1024 * 1024;

    /**
     * Long enough that an environment busy with back-to-back invocations is never signalled, short
     * enough that background work still stops well before anything a person or a test would notice
     * (docs/benchmarks.md, "Freeze grace").
     */
    public static final Duration DEFAULT_FREEZE_GRACE = Duration.ofMillis(10);

    public EnvironmentSettings {
        if (freezeGrace.isNegative()) {
            throw new IllegalArgumentException("freezeGrace must not be negative, got " + freezeGrace);
        }
    }

    public static EnvironmentSettings defaults(Path dataDir) {
        return new EnvironmentSettings(dataDir, "us-east-1", "123456789012", 32, Duration.ofMinutes(10),
                Duration.ofSeconds(10), Duration.ofMillis(100), true, DEFAULT_MAX_STREAMED_BYTES, false, false, DEFAULT_FREEZE_GRACE,
                false, true, false);
    }

    public EnvironmentSettings withEcho(boolean echo) {
        return with(b -> b.echoFunctionLogs = echo);
    }

    public EnvironmentSettings withIdleTimeout(Duration idle) {
        return with(b -> b.idleTimeout = idle);
    }

    public EnvironmentSettings withInitTimeout(Duration init) {
        return with(b -> b.initTimeout = init);
    }

    public EnvironmentSettings withDefaultConcurrency(int concurrency) {
        return with(b -> b.defaultConcurrency = concurrency);
    }

    public EnvironmentSettings withSettleGrace(Duration grace) {
        return with(b -> b.settleGrace = grace);
    }

    public EnvironmentSettings withMaxStreamedBytes(long max) {
        return with(b -> b.maxStreamedBytes = max);
    }

    public EnvironmentSettings withShapedStreams(boolean shape) {
        return with(b -> b.shapeStreams = shape);
    }

    public EnvironmentSettings withFreeze(boolean freezeBetweenInvocations) {
        return with(b -> b.freeze = freezeBetweenInvocations);
    }

    public EnvironmentSettings withFreezeGrace(Duration grace) {
        return with(b -> b.freezeGrace = grace);
    }

    public EnvironmentSettings withClassDataArchive(boolean archive) {
        return with(b -> b.classDataArchive = archive);
    }

    public EnvironmentSettings withHostedWebAdapter(boolean hosted) {
        return with(b -> b.hostedWebAdapter = hosted);
    }

    /** Whether {@code function}'s environments freeze: its own choice if it made one, else this setting. */
    public boolean freezes(dev.overtime.platform.function.FunctionDefinition function) {
        return function.freeze() != null ? function.freeze() : freeze;
    }

    public EnvironmentSettings withSandbox(boolean sandboxed) {
        return with(b -> b.sandbox = sandboxed);
    }

    public EnvironmentSettings withRegion(String newRegion) {
        return with(b -> b.region = newRegion);
    }

    private EnvironmentSettings with(java.util.function.Consumer<Copy> change) {
        Copy b = new Copy(this);
        change.accept(b);
        return b.build();
    }

    /** A mutable copy, so each {@code with...} method changes one field. */
    private static final class Copy {
        Path dataDir;
        String region;
        String accountId;
        int defaultConcurrency;
        Duration idleTimeout;
        Duration initTimeout;
        Duration settleGrace;
        boolean echoFunctionLogs;
        long maxStreamedBytes;
        boolean shapeStreams;
        boolean freeze;
        Duration freezeGrace;
        boolean classDataArchive;
        boolean hostedWebAdapter;
        boolean sandbox;

        Copy(EnvironmentSettings s) {
            dataDir = s.dataDir;
            region = s.region;
            accountId = s.accountId;
            defaultConcurrency = s.defaultConcurrency;
            idleTimeout = s.idleTimeout;
            initTimeout = s.initTimeout;
            settleGrace = s.settleGrace;
            echoFunctionLogs = s.echoFunctionLogs;
            maxStreamedBytes = s.maxStreamedBytes;
            shapeStreams = s.shapeStreams;
            freeze = s.freeze;
            freezeGrace = s.freezeGrace;
            classDataArchive = s.classDataArchive;
            hostedWebAdapter = s.hostedWebAdapter;
            sandbox = s.sandbox;
        }

        EnvironmentSettings build() {
            return new EnvironmentSettings(dataDir, region, accountId, defaultConcurrency, idleTimeout, initTimeout,
                    settleGrace, echoFunctionLogs, maxStreamedBytes, shapeStreams, freeze, freezeGrace,
                    classDataArchive, hostedWebAdapter, sandbox);
        }
    }
}
