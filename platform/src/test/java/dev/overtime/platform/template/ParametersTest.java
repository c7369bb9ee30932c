package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overtime.platform.function.FunctionDefinition;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameter types, defaults, overrides and constraints. */
class ParametersTest {

    @TempDir
    Path dir;

    private TemplateFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new TemplateFixture(dir);
    }

    /** {@code parameters} (indented under Parameters from line 2) then a function describing itself with {@code description}. */
    private static String template(String parameters, String description) {
        return "Parameters:\n" + parameters.indent(2) + """
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.A
                      CodeUri: hello.jar
                      Description: %s
                """.formatted(description);
    }

    private static String descriptionOf(LoadedTemplate loaded) {
        return loaded.functions().getFirst().description();
    }

    @Test
    void load_whenParameterHasDefault_usesIt() {
        LoadedTemplate loaded = fixture.load(template("""
                Stage:
                  Type: String
                  Default: dev
                """, "!Ref Stage"));

        assertThat(descriptionOf(loaded)).isEqualTo("dev");
    }

    @Test
    void load_whenParameterOverridden_usesTheOverride() {
        LoadedTemplate loaded = fixture.load(template("""
                Stage:
                  Type: String
                  Default: dev
                Seconds:
                  Type: Number
                """, "!Sub '${Stage} ${Seconds}'"), Map.of("Stage", "prod", "Seconds", "60"));

        assertThat(descriptionOf(loaded)).isEqualTo("prod 60");
    }

    @Test
    void load_whenParameterHasNoDefaultNorOverride_failsNamingTheParameter() {
        TemplateException e = fixture.loadFails(template("""
                Stage:
                  Type: String
                """, "!Ref Stage"));

        fixture.assertProblem(e, 2, "Parameters.Stage",
                "no value: expected a Default in the template or a parameter override for 'Stage', found neither");
    }

    @Test
    void load_whenParameterUnusedAndWithoutValue_stillFails() {
        TemplateException e = fixture.loadFails(template("""
                Unused: {Type: String}
                """, "plain"));

        fixture.assertProblem(e, 2, "Parameters.Unused", "no value");
    }

    @Test
    void load_whenParameterHasNoType_failsNamingIt() {
        TemplateException e = fixture.loadFails(template("""
                Stage:
                  Default: dev
                """, "plain"));

        fixture.assertProblem(e, 2, "Parameters.Stage.Type",
                "required: expected one of String, Number, CommaDelimitedList");
    }

    @Test
    void load_whenDefaultNotInAllowedValues_failsNamingTheDefault() {
        TemplateException e = fixture.loadFails(template("""
                Stage:
                  Type: String
                  AllowedValues: [dev, prod]
                  Default: test
                """, "!Ref Stage"));

        fixture.assertProblem(e, 5, "Parameters.Stage.Default",
                "expected one of the AllowedValues [dev, prod], found 'test' (from the Default)");
    }

    @Test
    void load_whenOverrideNotInAllowedValues_failsNamingTheParameter() {
        TemplateException e = fixture.loadFails(template("""
                Stage:
                  Type: String
                  AllowedValues: [dev, prod]
                  Default: dev
                """, "!Ref Stage"), Map.of("Stage", "qa"));

        fixture.assertProblem(e, 2, "Parameters.Stage",
                "expected one of the AllowedValues [dev, prod], found 'qa' (from the parameter override)");
    }

    @Test
    void load_whenOverrideInAllowedValues_usesIt() {
        LoadedTemplate loaded = fixture.load(template("""
                Stage:
                  Type: String
                  AllowedValues: [dev, prod]
                  Default: dev
                """, "!Ref Stage"), Map.of("Stage", "prod"));

        assertThat(descriptionOf(loaded)).isEqualTo("prod");
    }

    @Test
    void load_whenNumberParameterIsNotANumber_fails() {
        TemplateException e = fixture.loadFails(template("""
                Seconds:
                  Type: Number
                  Default: 10
                """, "!Ref Seconds"), Map.of("Seconds", "ten"));

        fixture.assertProblem(e, 2, "Parameters.Seconds",
                "expected a number (Type Number), found 'ten' (from the parameter override)");
    }

    @Test
    void load_whenNumberOutsideMinAndMaxValue_fails() {
        TemplateException e = fixture.loadFails(template("""
                Seconds:
                  Type: Number
                  MinValue: 1
                  MaxValue: 900
                  Default: 901
                """, "!Ref Seconds"));

        fixture.assertProblem(e, 6, "Parameters.Seconds.Default",
                "expected a number from 1 to 900 (MinValue/MaxValue), found '901' (from the Default)");
    }

    @Test
    void load_whenStringBreaksAllowedPatternOrLength_fails() {
        TemplateException pattern = fixture.loadFails(template("""
                Stage:
                  Type: String
                  AllowedPattern: '[a-z]+'
                  Default: Dev
                """, "!Ref Stage"));
        TemplateException length = fixture.loadFails(template("""
                Stage:
                  Type: String
                  MaxLength: 3
                  Default: staging
                """, "!Ref Stage"));

        fixture.assertProblem(pattern, 5, "Parameters.Stage.Default",
                "expected a value matching the AllowedPattern [a-z]+, found 'Dev' (from the Default)");
        fixture.assertProblem(length, 5, "Parameters.Stage.Default",
                "expected a length from 0 to 3 (MinLength/MaxLength), found 'staging' (from the Default)");
    }

    @Test
    void load_whenCommaDelimitedListItemNotAllowed_fails() {
        TemplateException e = fixture.loadFails(template("""
                Archs:
                  Type: CommaDelimitedList
                  AllowedValues: [x86_64, arm64]
                  Default: x86_64,sparc
                """, "plain"));

        fixture.assertProblem(e, 5, "Parameters.Archs.Default",
                "expected one of the AllowedValues [x86_64, arm64], found 'sparc' (from the Default)");
    }

    @Test
    void load_whenCommaDelimitedListReferencedAsAList_givesItsItems() {
        LoadedTemplate loaded = fixture.load("""
                Parameters:
                  Archs: {Type: CommaDelimitedList, Default: "arm64,riscv64"}
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.A
                      CodeUri: hello.jar
                      Architectures: !Ref Archs
                """);

        assertThat(loaded.warnings()).containsExactly(
                "Hello.Architectures: not served yet ('riscv64'; Overtime serves x86_64 and arm64)");
    }

    @Test
    void load_whenCommaDelimitedListUsedAsOneValue_fails() {
        TemplateException e = fixture.loadFails(template("""
                Names: {Type: CommaDelimitedList, Default: "a,b"}
                """, "!Sub 'names ${Names}'"));

        fixture.assertProblem(e, 10, "Resources.Hello.Properties.Description",
                "expected a single value, found parameter 'Names', which is a CommaDelimitedList");
    }

    @Test
    void load_whenParameterTypeNotResolvedIsReferenced_failsNamingTheType() {
        TemplateException e = fixture.loadFails(template("""
                Secret:
                  Type: AWS::SSM::Parameter::Value<String>
                  Default: /hello/secret
                """, "!Ref Secret"));

        fixture.assertProblem(e, 12, "Resources.Hello.Properties.Description",
                "expected a parameter of Type String, Number, CommaDelimitedList, found parameter 'Secret' of Type "
                        + "AWS::SSM::Parameter::Value<String>, which Overtime does not resolve");
    }

    @Test
    void load_whenParameterTypeNotResolvedIsUnused_loads() {
        LoadedTemplate loaded = fixture.load(template("""
                Subnets:
                  Type: List<AWS::EC2::Subnet::Id>
                  Default: subnet-1,subnet-2
                """, "plain"));

        assertThat(loaded.functions()).extracting(FunctionDefinition::description).containsExactly("plain");
    }

    @Test
    void load_whenOverrideNamesNoParameter_warns() {
        LoadedTemplate loaded = fixture.load(template("""
                Stage: {Type: String, Default: dev}
                """, "!Ref Stage"), Map.of("Stgae", "prod"));

        assertThat(descriptionOf(loaded)).isEqualTo("dev");
        assertThat(loaded.warnings())
                .containsExactly("parameter override 'Stgae': the template declares no such parameter; ignored");
    }
}
