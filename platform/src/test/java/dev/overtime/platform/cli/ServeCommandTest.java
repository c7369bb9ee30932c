package dev.overtime.platform.cli;

import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.server.ServeDefaults;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;

import static dev.overtime.platform.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve} runs with {@link ServeDefaults}, the definition the benchmarks measure, unless an option says otherwise. */
class ServeCommandTest {

    @Test
    void config_withoutOptions_isServeDefaults() {
        PlatformConfig config = parse().config();

        assertThat(config).isEqualTo(ServeDefaults.config(ServeDefaults.HOST, ServeDefaults.PORT,
                ServeDefaults.DATA.toAbsolutePath()));
        assertThat(config.environments().freeze()).isTrue();
        assertThat(config.environments().echoFunctionLogs()).isTrue();
        assertThat(config.environments().classDataArchive()).isTrue();
    }

    @Test
    void config_noFreezeAndQuiet_changeOnlyFreezeAndEcho() {
        PlatformConfig config = parse("--no-freeze", "--quiet").config();
        PlatformConfig defaults = ServeDefaults.config(ServeDefaults.HOST, ServeDefaults.PORT,
                ServeDefaults.DATA.toAbsolutePath());

        assertThat(config).isEqualTo(defaults.withEnvironments(
                defaults.environments().withFreeze(false).withEcho(false)));
    }

    @Test
    void config_options_overrideTheDefaults() {
        PlatformConfig config = parse("--concurrency", "4", "--idle-timeout", "PT1M", "--selectors", "1",
                "--max-stream-mb", "2", "--freeze-grace", "0", "--no-class-data-archive").config();

        assertThat(config.environments().defaultConcurrency()).isEqualTo(4);
        assertThat(config.environments().idleTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.environments().maxStreamedBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(config.selectors()).isEqualTo(1);
        assertThat(config.environments().freezeGrace()).isEqualTo(Duration.ZERO);
        assertThat(config.environments().classDataArchive()).isFalse();
    }

    @Test
    void help_showsTheDefaultsServeRunsWith() {
        var settings = ServeDefaults.config().environments();

        assertThat(run("serve", "--help").out())
                .contains("(default: " + settings.defaultConcurrency() + ")")
                .contains("(default: " + settings.idleTimeout() + ")")
                .contains("(default: " + ServeDefaults.PORT + ";")
                .contains("(default: " + settings.freeze() + ";")
                .contains("(default: " + settings.freezeGrace().toMillis() + ";");
    }

    private static ServeCommand parse(String... args) {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }
}
