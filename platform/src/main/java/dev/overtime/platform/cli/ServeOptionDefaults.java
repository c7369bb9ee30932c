package dev.overtime.platform.cli;

import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.server.ServeDefaults;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of {@code serve}'s options, and so of its {@code --help}, read from {@link ServeDefaults},
 * the one definition the benchmarks use too. Options without a setting behind them keep their own.
 */
final class ServeOptionDefaults implements IDefaultValueProvider {

    private static final long MB = 1024 * 1024;

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option)) {
            return null;
        }
        PlatformConfig serve = ServeDefaults.config();
        EnvironmentSettings settings = serve.environments();
        return switch (option.longestName()) {
            case "--host" -> serve.host();
            case "--port" -> Integer.toString(serve.port());
            case "--data" -> settings.dataDir().toString();
            case "--region" -> settings.region();
            case "--concurrency" -> Integer.toString(settings.defaultConcurrency());
            case "--idle-timeout" -> settings.idleTimeout().toString();
            case "--max-stream-mb" -> Long.toString(settings.maxStreamedBytes() / MB);
            case "--shape-streams" -> Boolean.toString(settings.shapeStreams());
            case "--freeze" -> Boolean.toString(settings.freeze());
            case "--freeze-grace" -> Long.toString(settings.freezeGrace().toMillis());
            case "--class-data-archive" -> Boolean.toString(settings.classDataArchive());
            case "--web-adapter" -> settings.hostedWebAdapter() ? "hosted" : "process";
            case "--quiet" -> Boolean.toString(!settings.echoFunctionLogs());
            default -> null;
        };
    }
}
