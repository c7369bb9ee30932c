package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.overtime.platform.function.FunctionDefinition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Globals.Function merged into AWS::Serverless::Function with SAM's rules. */
class GlobalsTest {

    @TempDir
    Path dir;

    private TemplateFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new TemplateFixture(dir);
    }

    @Test
    void load_whenGlobalsSetScalars_resourceValuesWin() {
        LoadedTemplate loaded = fixture.load("""
                Globals:
                  Function:
                    Runtime: java21
                    Handler: example.Hello
                    CodeUri: hello.jar
                    Timeout: 30
                    MemorySize: 512
                Resources:
                  FromGlobals:
                    Type: AWS::Serverless::Function
                  Overriding:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: nodejs20.x
                      Handler: index.handler
                      CodeUri: node-src
                      Timeout: 5
                """);

        FunctionDefinition fromGlobals = loaded.function("FromGlobals").orElseThrow();
        FunctionDefinition overriding = loaded.function("Overriding").orElseThrow();
        assertThat(fromGlobals.runtime()).isEqualTo("java21");
        assertThat(fromGlobals.handler()).isEqualTo("example.Hello");
        assertThat(fromGlobals.code()).isEqualTo(dir.resolve("hello.jar").toAbsolutePath());
        assertThat(fromGlobals.timeout()).hasSeconds(30);
        assertThat(fromGlobals.memorySizeMb()).isEqualTo(512);
        assertThat(overriding.runtime()).isEqualTo("nodejs20.x");
        assertThat(overriding.handler()).isEqualTo("index.handler");
        assertThat(overriding.code()).isEqualTo(dir.resolve("node-src").toAbsolutePath());
        assertThat(overriding.timeout()).hasSeconds(5);
        assertThat(overriding.memorySizeMb()).isEqualTo(512);
    }

    @Test
    void load_whenGlobalsSetEnvironment_mergesVariablesKeyByKey() {
        LoadedTemplate loaded = fixture.load("""
                Globals:
                  Function:
                    Environment:
                      Variables:
                        STAGE: dev
                        LOG_LEVEL: info
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.A
                      CodeUri: hello.jar
                      Environment:
                        Variables:
                          LOG_LEVEL: debug
                          GREETING: hi
                """);

        assertThat(loaded.functions().getFirst().environment()).containsOnly(
                entry("STAGE", "dev"), entry("LOG_LEVEL", "debug"), entry("GREETING", "hi"));
    }

    @Test
    void load_whenGlobalsAndResourceSetLists_concatenatesGlobalsFirst() {
        LoadedTemplate loaded = fixture.load("""
                Globals:
                  Function:
                    Architectures: [sparc]
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.A
                      CodeUri: hello.jar
                      Architectures: [riscv64]
                """);

        assertThat(loaded.warnings()).containsExactly(
                "Hello.Architectures: not served yet ('sparc'; Overtime serves x86_64 and arm64)",
                "Hello.Architectures: not served yet ('riscv64'; Overtime serves x86_64 and arm64)");
    }

    @Test
    void load_whenResourceValueIsAnIntrinsic_itWinsOverAGlobalMap() {
        LoadedTemplate loaded = fixture.load("""
                Globals:
                  Function:
                    Environment:
                      Variables: {FROM_GLOBALS: 'yes'}
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.A
                      CodeUri: hello.jar
                      Environment: !Ref AWS::NoValue
                """);

        assertThat(loaded.functions().getFirst().environment()).isEmpty();
    }

    @Test
    void load_whenGlobalsNameLayers_everyFunctionGetsThem() {
        Path layer = fixture.file("layer-src/bin/tool", "#!/bin/sh").getParent().getParent();
        LoadedTemplate loaded = fixture.load("""
                Globals:
                  Function:
                    Runtime: java21
                    Handler: a.A
                    CodeUri: hello.jar
                    Layers: [!Ref SharedLayer]
                Resources:
                  First:
                    Type: AWS::Serverless::Function
                  Second:
                    Type: AWS::Serverless::Function
                  SharedLayer:
                    Type: AWS::Serverless::LayerVersion
                    Properties: {ContentUri: layer-src}
                """);

        assertThat(loaded.functions()).extracting(FunctionDefinition::layers)
                .containsExactly(List.of(layer), List.of(layer));
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void load_whenGlobalValueInvalid_failsPointingAtGlobals() {
        TemplateException e = fixture.loadFails("""
                Globals:
                  Function:
                    Timeout: 1000
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: a.A, CodeUri: hello.jar}
                """);

        fixture.assertProblem(e, 3, "Globals.Function.Timeout",
                "expected an integer from 1 to 900 (seconds), found '1000'");
    }

    @Test
    void load_whenGlobalsSet_lambdaFunctionsDoNotGetThem() {
        TemplateException e = fixture.loadFails("""
                Globals:
                  Function:
                    Runtime: java21
                    Handler: a.A
                Resources:
                  Raw:
                    Type: AWS::Lambda::Function
                    Properties:
                      Code: hello.jar
                """);

        fixture.assertProblem(e, 8, "Resources.Raw.Properties.Runtime", "required");
    }

    @Test
    void load_whenGlobalsFunctionNotAMap_fails() {
        TemplateException e = fixture.loadFails("""
                Globals:
                  Function: [Timeout, 3]
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: a.A, CodeUri: hello.jar}
                """);

        fixture.assertProblem(e, 2, "Globals.Function", "expected a map of function properties, found a list");
    }

    @Test
    void load_whenGlobalsHaveOtherSections_ignoresThem() {
        LoadedTemplate loaded = fixture.load("""
                Globals:
                  Api:
                    Cors: "'*'"
                  HttpApi: {}
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: a.A, CodeUri: hello.jar}
                """);

        assertThat(loaded.functions()).hasSize(1);
        assertThat(loaded.warnings()).isEmpty();
    }
}
