package dev.overtime.platform.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.overtime.platform.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code AWS::StackName} on the command line: by default the template's folder name made a valid
 * stack name, or {@code --stack-name}. The template names its function {@code ${AWS::StackName}-hello},
 * so invoking that name shows which stack name the template saw.
 */
class StackNameTest {

    private static final Path HELLO_JAR = Path.of("../examples/target/java-functions.jar").toAbsolutePath().normalize();
    private static final String BAD_STACK_NAME =
            "overtime: --stack-name must be a letter followed by at most 127 letters, digits or hyphens, got 'my_stack'";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"my_app.v2, my-app-v2", ".cache, cache", "2024-site, stack-2024-site"})
    void invoke_templateInAFolderThatIsNotAStackName_usesTheFolderNameMadeValid(String folder, String stack)
            throws IOException {
        Path template = helloTemplate(folder);

        CliRun r = run("invoke", stack + "-hello", "{\"name\":\"Ada\"}", "--template", template.toString(),
                "--data", dir.resolve("data").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Hello, Ada!");
    }

    @Test
    void invoke_stackNameOption_setsAwsStackName() throws IOException {
        Path template = helloTemplate("my_app.v2");

        CliRun r = run("invoke", "orders-prod-hello", "{\"name\":\"Ada\"}", "--template", template.toString(),
                "--stack-name", "orders-prod", "--data", dir.resolve("data").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Hello, Ada!");
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "invoke"})
    void stackNameOption_whenNotAStackName_isOneLineAndExit1(String command) throws IOException {
        Path template = helloTemplate("shop");

        CliRun r = command.equals("serve")
                ? run("serve", "--template", template.toString(), "--stack-name", "my_stack", "--port", "0")
                : run("invoke", "x-hello", "{}", "--template", template.toString(), "--stack-name", "my_stack");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo(BAD_STACK_NAME);
    }

    @Test
    void invoke_stackNameWithoutTemplate_isOneLineAndExit1() {
        CliRun r = run("invoke", "hello-java", "{}", "--stack-name", "shop");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("overtime: --stack-name needs --template");
    }

    @ParameterizedTest
    @CsvSource({"serve, my_app.v2", "serve, .cache", "invoke, 2024-site", "invoke, my_app.v2"})
    void brokenTemplate_inAFolderThatIsNotAStackName_reportsTheTemplatesOwnError(String command, String folder)
            throws IOException {
        Path template = write(folder, """
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: dev.overtime.examples.Hello::handleRequest
                      CodeUri: %s
                      Timeout: soon
                """.formatted(HELLO_JAR));

        CliRun r = command.equals("serve")
                ? run("serve", "--template", template.toString(), "--port", "0", "--data", dir.resolve("d").toString())
                : run("invoke", "x", "{}", "--template", template.toString(), "--data", dir.resolve("d").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("stack")
                .contains("template.yaml:8: Resources.Hello.Properties.Timeout: expected an integer");
    }

    private Path helloTemplate(String folder) throws IOException {
        return write(folder, """
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: !Sub '${AWS::StackName}-hello'
                      Runtime: java21
                      Handler: dev.overtime.examples.Hello::handleRequest
                      CodeUri: %s
                """.formatted(HELLO_JAR));
    }

    private Path write(String folder, String template) throws IOException {
        Path file = dir.resolve(folder).resolve("template.yaml");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, template);
    }
}
