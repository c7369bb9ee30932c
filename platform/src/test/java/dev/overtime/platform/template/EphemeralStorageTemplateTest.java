package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.overtime.platform.function.FunctionDefinition;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code EphemeralStorage: {Size: N}} on both function types and in {@code Globals.Function}. */
class EphemeralStorageTemplateTest {

    private static final String SIZE_PATH = "Resources.Hello.Properties.EphemeralStorage.Size";

    @TempDir
    Path dir;

    private TemplateFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new TemplateFixture(dir);
    }

    @Test
    void load_whenNotSet_gives512Mb() {
        LoadedTemplate loaded = fixture.load(TemplateFixture.samHello("", ""));

        assertThat(loaded.functions().getFirst().ephemeralStorageMb()).isEqualTo(512);
    }

    @ParameterizedTest
    @ValueSource(strings = {"512", "2048", "10240", "'4096'"})
    void load_whenSizeInRange_readsIt_withoutWarning(String size) {
        LoadedTemplate loaded = fixture.load(TemplateFixture.samHello("EphemeralStorage:\n  Size: " + size, ""));

        assertThat(loaded.functions().getFirst().ephemeralStorageMb())
                .isEqualTo(Integer.parseInt(size.replace("'", "")));
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void load_whenLambdaFunctionSetsIt_readsIt() {
        FunctionDefinition f = fixture.load("""
                Resources:
                  Hello:
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: nodejs22.x
                      Handler: index.handler
                      Code: node-src
                      EphemeralStorage:
                        Size: 1024
                """).functions().getFirst();

        assertThat(f.ephemeralStorageMb()).isEqualTo(1024);
    }

    @Test
    void load_whenSizeIsAParameter_resolvesIt() {
        FunctionDefinition f = fixture.load("""
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  TmpSize:
                    Type: Number
                    Default: 3000
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: example.Hello
                      CodeUri: hello.jar
                      EphemeralStorage:
                        Size: !Ref TmpSize
                """, Map.of("TmpSize", "6000")).functions().getFirst();

        assertThat(f.ephemeralStorageMb()).isEqualTo(6000);
    }

    /** {@link TemplateFixture#samHello}'s Hello, then {@code Globals.Function.EphemeralStorage.Size} on line 12. */
    private static String withGlobalSize(String size, String otherResources) {
        return TemplateFixture.samHello("", otherResources) + """
                Globals:
                  Function:
                    EphemeralStorage:
                      Size: %s
                """.formatted(size);
    }

    @Test
    void load_whenGlobalsSetIt_everyFunctionGetsIt_unlessItsOwnWins() {
        LoadedTemplate loaded = fixture.load(withGlobalSize("2048", """
                Big:
                  Type: AWS::Serverless::Function
                  Properties:
                    Runtime: nodejs22.x
                    Handler: index.handler
                    CodeUri: node-src
                    EphemeralStorage:
                      Size: 8192
                """));

        assertThat(loaded.functions()).extracting(FunctionDefinition::name, FunctionDefinition::ephemeralStorageMb)
                .containsExactlyInAnyOrder(tuple("Hello", 2048), tuple("Big", 8192));
    }

    @Test
    void load_whenGlobalsSizeOutOfRange_failsPointingAtGlobals() {
        TemplateException e = fixture.loadFails(withGlobalSize("100", ""));

        fixture.assertProblem(e, 12, "Globals.Function.EphemeralStorage.Size",
                "expected an integer from 512 to 10240 (MB), found '100'");
    }

    @Test
    void load_whenSetInGlobals_itIsATemplatePropertyThatWinsOverApiChangesAtStart() {
        LoadedTemplate set = fixture.load(withGlobalSize("1024", ""));
        LoadedTemplate unset = fixture.load(TemplateFixture.samHello("", ""));

        assertThat(set.versioning("Hello").templateProperties()).contains("EphemeralStorage");
        assertThat(unset.versioning("Hello").templateProperties()).doesNotContain("EphemeralStorage");
    }

    @ParameterizedTest
    @ValueSource(strings = {"511", "10241", "0", "-512", "1024.5", "big", "true"})
    void load_whenSizeOutOfRangeOrNotAnInteger_failsNamingFunctionAndProperty(String size) {
        TemplateException e = fixture.loadFails(TemplateFixture.samHello("EphemeralStorage:\n  Size: " + size, ""));

        fixture.assertProblem(e, 10, SIZE_PATH, "expected an integer from 512 to 10240 (MB), found '" + size + "'");
    }

    @Test
    void load_whenSizeMissing_failsSayingItIsRequired() {
        TemplateException e = fixture.loadFails(TemplateFixture.samHello("EphemeralStorage: {}", ""));

        fixture.assertProblem(e, 9, SIZE_PATH, "required: expected an integer from 512 to 10240 (MB), found nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1024", "[1024]", "''"})
    void load_whenNotAMap_failsSayingSizeIsExpected(String value) {
        TemplateException e = fixture.loadFails(TemplateFixture.samHello("EphemeralStorage: " + value, ""));

        fixture.assertProblem(e, 9, "Resources.Hello.Properties.EphemeralStorage",
                "expected a map with Size, an integer from 512 to 10240 (MB), found");
    }
}
