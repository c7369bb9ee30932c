package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A relative {@code CodeUri} or layer {@code ContentUri} stays inside the template's folder; an absolute one may leave it. */
class CodeOutsideTemplateFolderTest {

    @TempDir
    Path dir;

    private TemplateFixture fixture;
    private Path outside;

    @BeforeEach
    void setUp() {
        fixture = new TemplateFixture(dir.resolve("stack"));
        outside = fixture.file("../outside/bootstrap", "#!/bin/sh").getParent().normalize();
    }

    private static String function(String codeUri) {
        return """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: provided.al2023
                      Handler: x
                      CodeUri: %s
                """.formatted(codeUri);
    }

    @Test
    void load_whenCodeUriClimbsOutOfTheTemplateFolder_failsAtIt() {
        TemplateException e = fixture.loadFails(function("../outside"));

        fixture.assertProblem(e, 8, "Resources.Hello.Properties.CodeUri", "'../outside'",
                "leaves the template's folder", "absolute path");
    }

    @Test
    void load_whenCodeUriClimbsOutAndBackIn_isServed() {
        LoadedTemplate loaded = fixture.load(function("bootstrap-src/../bootstrap-src"));

        assertThat(loaded.functions().getFirst().code()).isEqualTo(fixture.dir().resolve("bootstrap-src"));
    }

    @Test
    void load_whenCodeUriIsAbsoluteAndOutside_isServed() {
        LoadedTemplate loaded = fixture.load(function(outside.toString()));

        assertThat(loaded.functions().getFirst().code()).isEqualTo(outside);
    }

    @Test
    void load_whenLayerContentUriClimbsOutOfTheTemplateFolder_failsAtIt() {
        TemplateException e = fixture.loadFails(function("bootstrap-src") + """
                      Layers: [!Ref Tools]
                  Tools:
                    Type: AWS::Serverless::LayerVersion
                    Properties:
                      ContentUri: ../../etc
                """);

        fixture.assertProblem(e, 13, "Resources.Tools.Properties.ContentUri", "'../../etc'",
                "leaves the template's folder");
    }
}
