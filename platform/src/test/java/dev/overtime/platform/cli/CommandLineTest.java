package dev.overtime.platform.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.overtime.platform.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code overtime} command: help everywhere, and one clear line with a non-zero exit for every mistake. */
class CommandLineTest {

    @TempDir
    Path dir;

    @Test
    void help_isAvailableOnEveryCommand() {
        assertThat(run("--help").out()).contains("serve").contains("invoke");
        assertThat(run("serve", "--help").out()).contains("--template").contains("--port").contains("--data")
                .contains("--stack-name");
        assertThat(run("invoke", "--help").out()).contains("--payload-file").contains("--endpoint")
                .contains("--stack-name");
    }

    @Test
    void wrongFlag_isOneLineAndExit2() {
        CliRun r = run("serve", "--bogus");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("Unknown option: '--bogus'")
                .contains("overtime serve --help");
    }

    @Test
    void selectorsBelowOne_isOneLineAndExit1() {
        CliRun r = run("serve", "--template", "../examples/template.yaml", "--selectors", "0", "--port", "0");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("overtime: --selectors must be at least 1, got 0");
    }

    @Test
    void missingTemplate_isOneLineNamingTheFile() {
        CliRun r = run("serve", "--template", dir.resolve("nope.yaml").toString(), "--port", "0");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n").contains("nope.yaml");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void portInUse_isOneLineSayingSo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun r = run("serve", "--template", "../examples/template.yaml", "--port",
                    Integer.toString(taken.getLocalPort()), "--data", dir.toString(), "--quiet");

            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err().strip()).doesNotContain("\n").contains("port in use");
        }
    }

    @Test
    void invoke_withTemplate_runsTheFunctionAndPrintsItsResponse() {
        CliRun r = run("invoke", "hello-java", "{\"name\":\"CLI\"}", "--template", "../examples/template.yaml",
                "--data", dir.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Hello, CLI!");
    }

    @Test
    void invoke_payloadFromFile_andFunctionErrorExitsNonZero() throws Exception {
        Path event = Files.writeString(dir.resolve("event.json"), "{\"anything\":1}");

        CliRun r = run("invoke", "fail-java", "--payload-file", event.toString(), "--template",
                "../examples/template.yaml", "--data", dir.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("IllegalStateException");
        assertThat(r.err()).contains("the function failed");
    }

    @Test
    void invoke_whenNoPlatformIsRunning_saysHowToStartOne() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }

        CliRun r = run("invoke", "hello-java", "{}", "--endpoint", "http://127.0.0.1:" + freePort);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n").contains("cannot reach Overtime").contains("overtime serve");
    }

    @Test
    void invoke_unknownFunction_isOneLine() {
        CliRun r = run("invoke", "nobody", "{}", "--template", "../examples/template.yaml", "--data", dir.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).contains("ResourceNotFoundException: Function not found");
    }
}
