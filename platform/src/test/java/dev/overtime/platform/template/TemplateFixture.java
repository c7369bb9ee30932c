package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A template folder for tests. It starts with the code the test templates point at:
 * {@code hello.jar}, {@code node-src/} and {@code bootstrap-src/bootstrap}.
 */
final class TemplateFixture {

    private final Path dir;
    private final Path template;

    TemplateFixture(Path dir) {
        this.dir = dir;
        this.template = dir.resolve("template.yaml");
        file("hello.jar", "not really a jar; the loader only checks the name");
        file("node-src/index.mjs", "export const handler = async () => 'hi';");
        file("bootstrap-src/bootstrap", "#!/bin/sh");
    }

    /**
     * A SAM template whose function Hello (java21, {@code hello.jar}) is on lines 3-8, its properties going on
     * from line 9 with {@code helloProperties}, then {@code otherResources}.
     */
    static String samHello(String helloProperties, String otherResources) {
        return """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: example.Hello
                      CodeUri: hello.jar
                """ + helloProperties.indent(6) + otherResources.indent(2);
    }

    Path dir() {
        return dir;
    }

    Path template() {
        return template;
    }

    Path file(String relative, String content) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path write(String templateText) {
        return file(template.getFileName().toString(), templateText);
    }

    LoadedTemplate load(String templateText) {
        return load(templateText, Map.of());
    }

    LoadedTemplate load(String templateText, Map<String, String> overrides) {
        write(templateText);
        return TemplateLoader.load(template, overrides, null);
    }

    TemplateException loadFails(String templateText) {
        return loadFails(templateText, Map.of());
    }

    TemplateException loadFails(String templateText, Map<String, String> overrides) {
        write(templateText);
        return catchThrowableOfType(TemplateException.class, () -> TemplateLoader.load(template, overrides, null));
    }

    /** Checks the "<file>:<line>: <path>: <problem>" form and that the problem says the given things. */
    void assertProblem(TemplateException e, int line, String path, String... saying) {
        assertThat(e).as("expected a TemplateException").isNotNull();
        assertThat(e.getMessage()).startsWith(template + ":" + line + ": " + path + ": ");
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.propertyPath()).isEqualTo(path);
        assertThat(e.problem()).contains(saying);
    }
}
