package dev.overtime.bench;

import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.server.ServeDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A benchmark's platform is serve's, changed only by the flags the run names. */
class ServeConfigurationTest {

    @TempDir
    Path data;

    @Test
    void defaults_areServeDefaults_withTheEchoDiscarded() {
        PlatformConfig config = ServeConfiguration.DEFAULTS.config(data);

        assertThat(config).isEqualTo(ServeDefaults.config("127.0.0.1", 0, data).withConsole(DiscardedConsole.stream()));
        assertThat(config.environments().freeze()).isTrue();
        assertThat(config.environments().echoFunctionLogs()).isTrue();
        assertThat(ServeConfiguration.DEFAULTS.command()).isEqualTo("serve");
    }

    @Test
    void noFreezeQuiet_turnsOffFreezeAndEchoOnly() {
        PlatformConfig config = ServeConfiguration.NO_FREEZE_QUIET.config(data);
        PlatformConfig serve = ServeDefaults.config("127.0.0.1", 0, data);

        assertThat(config.environments()).isEqualTo(serve.environments().withFreeze(false).withEcho(false));
        assertThat(ServeConfiguration.NO_FREEZE_QUIET.command()).isEqualTo("serve --no-freeze --quiet");
    }

    @Test
    void flags_areReadFromTheArguments() {
        BenchArguments arguments = new BenchArguments(new String[]{"--quiet"}, "usage", ServeConfiguration.FLAGS);

        assertThat(ServeConfiguration.of(arguments)).isEqualTo(new ServeConfiguration(false, true));
    }
}
