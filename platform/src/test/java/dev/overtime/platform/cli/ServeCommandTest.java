package dev.overtime.platform.cli;

import dev.overtime.platform.apigateway.ApiRoute;
import dev.overtime.platform.apigateway.Integration;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.server.ServeDefaults;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.function.FunctionUrlDefinition;
import dev.overtime.platform.function.FunctionUrlDefinition.InvokeMode;
import dev.overtime.platform.function.WebAdapterLayer;
import dev.overtime.platform.template.LoadedTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.overtime.platform.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(config.environments().hostedWebAdapter()).isTrue();
        assertThat(config.environments().sandbox()).isFalse();
    }

    @Test
    void config_webAdapterProcess_changesOnlyWhereTheAdapterRuns() {
        PlatformConfig config = parse("--web-adapter", "process").config();
        PlatformConfig defaults = ServeDefaults.config(ServeDefaults.HOST, ServeDefaults.PORT,
                ServeDefaults.DATA.toAbsolutePath());

        assertThat(config).isEqualTo(defaults.withEnvironments(defaults.environments().withHostedWebAdapter(false)));
    }

    @Test
    void config_sandbox_changesOnlyTheSandbox() {
        PlatformConfig config = parse("--sandbox").config();
        PlatformConfig defaults = ServeDefaults.config(ServeDefaults.HOST, ServeDefaults.PORT,
                ServeDefaults.DATA.toAbsolutePath());

        assertThat(config).isEqualTo(defaults.withEnvironments(defaults.environments().withSandbox(true)));
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

    @Test
    void webApp_makesAProvidedFunctionOfTheCurrentFolder_withTheAdapterLayerAndAStreamedUrl(@TempDir Path data)
            throws Exception {
        WebApp app = parse("--web-app", "node server.js --greeting 'it''s me'", "--web-app-name", "chat",
                "--web-app-stream").webApp(data);

        FunctionDefinition fn = app.function();
        Path generated = data.resolve("web-apps/chat");
        assertThat(fn.name()).isEqualTo("chat");
        assertThat(fn.runtime()).isEqualTo("provided.al2023");
        assertThat(fn.code()).isEqualTo(Path.of("").toAbsolutePath());
        assertThat(fn.layers()).containsExactly(WebAdapterLayer.MARKER, generated);
        assertThat(fn.environment()).containsExactly(Map.entry("AWS_LWA_INVOKE_MODE", "response_stream"));
        assertThat(app.url()).isEqualTo(new FunctionUrlDefinition("chat", InvokeMode.RESPONSE_STREAM, null));
        assertThat(Files.isExecutable(generated.resolve("bootstrap"))).isTrue();
        Process echo = new ProcessBuilder("sh", "-c", Files.readString(generated.resolve("bootstrap"))
                .replace("exec /bin/sh -c", "printf '%s' ")).start();
        assertThat(new String(echo.getInputStream().readAllBytes())).isEqualTo("node server.js --greeting 'it''s me'");
    }

    @Test
    void webApp_withoutATemplate_isTheOnlyFunction_andBuffersByDefault(@TempDir Path data) {
        LoadedTemplate loaded = parse("--web-app", "python3 app.py", "--data", data.toString()).load("stack");

        assertThat(loaded.functions()).extracting(FunctionDefinition::name).containsExactly("web-app");
        assertThat(loaded.functions().getFirst().environment()).containsEntry("AWS_LWA_INVOKE_MODE", "buffered");
        assertThat(loaded.functionUrls()).containsExactly(new FunctionUrlDefinition("web-app", InvokeMode.BUFFERED,
                null));
    }

    @Test
    void webApp_besideATemplate_comesAfterItsFunctionsAndUrls(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("hello"));
        Path template = Files.writeString(dir.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: provided.al2023
                      CodeUri: hello
                      FunctionUrlConfig: {AuthType: NONE}
                """);

        LoadedTemplate loaded = parse("--web-app", "node server.js", "--template", template.toString(),
                "--data", dir.resolve("data").toString()).load("stack");

        assertThat(loaded.functions()).extracting(FunctionDefinition::name).containsExactly("Hello", "web-app");
        assertThat(loaded.functionUrls()).extracting(FunctionUrlDefinition::functionName)
                .containsExactly("Hello", "web-app");
    }

    @Test
    void webApp_namedAsATemplateFunction_fails(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("hello"));
        Path template = Files.writeString(dir.resolve("template.yaml"), """
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: provided.al2023, CodeUri: hello}
                """);

        assertThatThrownBy(() -> parse("--web-app", "node server.js", "--web-app-name", "Hello", "--template",
                template.toString(), "--data", dir.resolve("data").toString()).load("stack"))
                .isInstanceOf(CliFailure.class).hasMessageContaining("--web-app-name");
    }

    @Test
    void config_authIam_readsTheIamFile_andIsOffByDefault() {
        assertThat(parse().config().auth().enabled()).isFalse();
        PlatformConfig config = parse("--auth", "iam", "--iam", "iam.yaml").config();
        assertThat(config.auth().iamFile()).isEqualTo(Path.of("iam.yaml").toAbsolutePath());
    }

    @Test
    void authIam_withoutAFile_fails() {
        assertThatThrownBy(() -> parse("--auth", "iam").call()).isInstanceOf(CliFailure.class)
                .hasMessage("--auth iam and --iam FILE go together");
        assertThatThrownBy(() -> parse("--auth", "open", "--iam", "x").call()).isInstanceOf(CliFailure.class)
                .hasMessage("--auth must be iam, got open");
    }

    @Test
    void store_takesAPostgresqlUrl_andTheLeaseInShortOrIsoForm() {
        ServeCommand command = parse("--store", "postgresql://ot:p%40ss@db.internal:6543/queue", "--lease", "10s");
        var choice = command.storeChoice();
        assertThat(choice.postgres().host()).isEqualTo("db.internal");
        assertThat(choice.postgres().port()).isEqualTo(6543);
        assertThat(choice.postgres().password()).isEqualTo("p@ss");
        assertThat(choice.postgres().redacted()).doesNotContain("p@ss").contains("ot:***@db.internal:6543/queue");
        assertThat(choice.lease()).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(parse("--store", "postgresql://ot@db/queue", "--lease", "PT2M").storeChoice().lease())
                .isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(parse("--lease", "2m").storeChoice().postgres()).as("no --store: the embedded store").isNull();
    }

    @Test
    void store_thatIsNotAPostgresqlUrl_isAOneLineError_withoutThePassword() {
        assertThatThrownBy(() -> parse("--store", "mysql://u:secret@db/q").storeChoice())
                .isInstanceOf(CliFailure.class).hasMessageContaining("postgresql://").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> parse("--store", "postgresql://u:secret@db").storeChoice())
                .isInstanceOf(CliFailure.class).hasMessageContaining("database").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> parse("--store", "postgresql://u:secret@db/q", "--lease", "0s").storeChoice())
                .isInstanceOf(CliFailure.class).hasMessageContaining("--lease");
        assertThatThrownBy(() -> parse("--lease", "soon"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("10s");
    }

    private static ServeCommand parse(String... args) {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void routeLines_nameTheFunction_orAMockIntegration() {
        ApiRoute mock = new ApiRoute("GET", "/mock", new Integration(Integration.IntegrationType.MOCK, null, null,
                null, Map.of(), Map.of(), null, List.of(), null, false), null, Map.of(), List.of(), null, false);
        ApiRoute proxy = new ApiRoute("POST", "/items/{id}", new Integration(Integration.IntegrationType.AWS_PROXY,
                "Items", null, null, Map.of(), Map.of(), null, List.of(), null, false), null, Map.of(), List.of(),
                null, false);

        assertThat(ServeCommand.routeLines(mock, "http://127.0.0.1:9001/dev")).isEqualTo(
                "    GET /mock -> mock integration\n      curl -s http://127.0.0.1:9001/dev/mock");
        assertThat(ServeCommand.routeLines(proxy, "http://127.0.0.1:9001/dev")).isEqualTo(
                "    POST /items/{id} -> Items\n      curl -s -X POST -H 'Content-Type: application/json' -d '{}' "
                        + "http://127.0.0.1:9001/dev/items/1");
    }
}
