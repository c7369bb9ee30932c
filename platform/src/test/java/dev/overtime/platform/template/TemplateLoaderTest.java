package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.overtime.platform.function.FunctionDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The template as a whole: files, YAML, sections and resource types. */
class TemplateLoaderTest {

    @TempDir
    Path dir;

    private TemplateFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new TemplateFixture(dir);
    }

    @Test
    void load_whenFileMissing_failsSayingNoSuchFile() {
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> TemplateLoader.load(missing, Map.of(), null))
                .isInstanceOf(TemplateException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void load_whenFileIsAFolder_failsSayingSo() {
        assertThatThrownBy(() -> TemplateLoader.load(dir, Map.of(), null))
                .isInstanceOf(TemplateException.class)
                .hasMessage(dir + ": expected a template file, found a folder");
    }

    @Test
    void load_whenYamlMalformed_failsNamingTheLineOfTheProblem() {
        TemplateException e = fixture.loadFails("""
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function: oops
                """);

        assertThat(e).hasMessage(fixture.template() + ":3: malformed YAML: mapping values are not allowed here");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void load_whenYamlMalformed_hidesSnakeYaml() {
        TemplateException e = fixture.loadFails("Resources: [unclosed\n");

        assertThat(e.getCause()).isNull();
        assertThat(e.getMessage()).startsWith(fixture.template() + ":2: malformed YAML: ").doesNotContain("org.yaml");
    }

    @Test
    void load_whenSeveralYamlDocuments_failsNamingTheSecond() {
        TemplateException e = fixture.loadFails("""
                Resources: {}
                ---
                Resources: {}
                """);

        assertThat(e).hasMessageStartingWith(fixture.template() + ":2: malformed YAML: but found another document");
    }

    @Test
    void load_whenTemplateEmpty_failsSayingResourcesAreExpected() {
        TemplateException e = fixture.loadFails("# nothing here\n");

        assertThat(e).hasMessage(fixture.template() + ": the template is empty; expected a map with a Resources section");
    }

    @Test
    void load_whenTemplateIsAList_failsSayingAMapIsExpected() {
        TemplateException e = fixture.loadFails("- Resources\n");

        assertThat(e).hasMessage(fixture.template()
                + ":1: expected a map of template sections (Resources, Parameters, ...), found a list");
    }

    @Test
    void load_whenResourcesMissing_failsNamingResources() {
        TemplateException e = fixture.loadFails("""
                AWSTemplateFormatVersion: '2010-09-09'
                Description: nothing to serve
                """);

        fixture.assertProblem(e, 1, "Resources", "required: expected a map of resources, found nothing");
    }

    @Test
    void load_whenResourcesEmpty_failsNamingItsLine() {
        TemplateException e = fixture.loadFails("""
                Description: nothing to serve
                Resources: {}
                """);

        fixture.assertProblem(e, 2, "Resources", "expected at least one resource, found none");
    }

    @Test
    void load_whenResourcesHasNoValue_failsSayingFoundNothing() {
        TemplateException e = fixture.loadFails("""
                Description: nothing to serve
                Resources:
                """);

        fixture.assertProblem(e, 2, "Resources", "expected a map of resources, found nothing");
    }

    @Test
    void load_whenResourceHasNoType_failsNamingTheResource() {
        TemplateException e = fixture.loadFails("""
                Resources:
                  HelloFunction:
                    Properties:
                      Runtime: java21
                """);

        fixture.assertProblem(e, 2, "Resources.HelloFunction.Type", "required", "AWS::Serverless::Function");
    }

    @Test
    void load_whenFunctionPropertiesNotAMap_failsNamingProperties() {
        TemplateException e = fixture.loadFails("""
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Properties: [Runtime, java21]
                """);

        fixture.assertProblem(e, 4, "Resources.HelloFunction.Properties", "expected a map of properties, found a list");
    }

    @Test
    void load_whenKeyRepeated_failsNamingBothLines() {
        TemplateException e = fixture.loadFails("""
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: example.Hello
                      CodeUri: hello.jar
                      Runtime: nodejs20.x
                """);

        fixture.assertProblem(e, 8, "Resources.HelloFunction.Properties.Runtime",
                "expected each key once, found 'Runtime' again (first on line 5)");
    }

    @Test
    void load_whenTagIsNotCloudFormations_failsNamingTheTag() {
        TemplateException e = fixture.loadFails("""
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: !Reference Runtime
                """);

        fixture.assertProblem(e, 5, "Resources.HelloFunction.Properties.Runtime",
                "expected a CloudFormation tag such as !Ref, !GetAtt or !Sub, found !Reference");
    }

    @Test
    void load_whenTemplateIsJsonIndentedWithTabs_readsIt() {
        fixture.file("template.json", """
                {
                \t"AWSTemplateFormatVersion": "2010-09-09",
                \t"Resources": {
                \t\t"HelloFunction": {
                \t\t\t"Type": "AWS::Lambda::Function",
                \t\t\t"Properties": {
                \t\t\t\t"Runtime": "java21",
                \t\t\t\t"Handler": "example.Hello",
                \t\t\t\t"Code": "hello.jar",
                \t\t\t\t"Timeout": 30,
                \t\t\t\t"Description": {"Fn::Sub": "in ${AWS::Region}"}
                \t\t\t}
                \t\t}
                \t}
                }
                """);

        LoadedTemplate loaded = TemplateLoader.load(dir.resolve("template.json"), Map.of(), null);

        assertThat(loaded.functions()).singleElement().satisfies(f -> {
            assertThat(f.timeout()).hasSeconds(30);
            assertThat(f.description()).isEqualTo("in us-east-1");
        });
    }

    @Test
    void load_whenJsonTemplateIsWrong_namesTheLine() {
        fixture.file("template.json", """
                {
                  "Resources": {
                    "HelloFunction": {
                      "Type": "AWS::Lambda::Function",
                      "Properties": {
                        "Runtime": "java21",
                        "Handler": "example.Hello",
                        "Code": "hello.jar",
                        "MemorySize": 64
                      }
                    }
                  }
                }
                """);
        Path json = dir.resolve("template.json");

        assertThatThrownBy(() -> TemplateLoader.load(json, Map.of(), null))
                .hasMessage(json + ":9: Resources.HelloFunction.Properties.MemorySize: "
                        + "expected an integer from 128 to 10240 (MB), found '64'");
    }

    @Test
    void load_functionUrlConfig_readsModeCorsAndAuthType() {
        LoadedTemplate loaded = fixture.load("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Streamer:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: example.Hello
                      CodeUri: hello.jar
                      FunctionUrlConfig:
                        AuthType: NONE
                        InvokeMode: RESPONSE_STREAM
                        Cors: {AllowOrigins: ["*"], AllowMethods: [GET, POST], MaxAge: 300}
                  Private:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: example.Hello
                      CodeUri: hello.jar
                      FunctionUrlConfig: {AuthType: AWS_IAM}
                """);

        assertThat(loaded.functionUrls()).hasSize(2);
        assertThat(loaded.functionUrls()).filteredOn(url -> url.functionName().equals("Private")).singleElement()
                .satisfies(url -> assertThat(url.authType())
                        .isEqualTo(dev.overtime.platform.function.FunctionUrlDefinition.AuthType.AWS_IAM));
        assertThat(loaded.functionUrls()).filteredOn(url -> url.functionName().equals("Streamer")).singleElement()
                .satisfies(url -> {
            assertThat(url.functionName()).isEqualTo("Streamer");
            assertThat(url.invokeMode()).isEqualTo(dev.overtime.platform.function.FunctionUrlDefinition.InvokeMode.RESPONSE_STREAM);
            assertThat(url.cors().allowOrigins()).containsExactly("*");
            assertThat(url.cors().allowMethods()).containsExactly("GET", "POST");
            assertThat(url.cors().maxAge()).isEqualTo(300);
        });
        assertThat(loaded.warnings()).noneMatch(w -> w.contains("AWS_IAM"));
    }

    @Test
    void load_lambdaPermission_becomesAResourcePolicyStatement() {
        LoadedTemplate loaded = fixture.load("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: example.Hello, CodeUri: hello.jar}
                  HelloUrl:
                    Type: AWS::Lambda::Url
                    Properties: {AuthType: NONE, TargetFunctionArn: !GetAtt HelloFunction.Arn}
                  InvokePermission:
                    Type: AWS::Lambda::Permission
                    Properties:
                      Action: lambda:InvokeFunctionUrl
                      FunctionName: !GetAtt HelloFunction.Arn
                      Principal: arn:aws:iam::123456789012:user/partner
                      FunctionUrlAuthType: AWS_IAM
                """);

        assertThat(loaded.functions()).extracting(FunctionDefinition::name).containsExactly("HelloFunction");
        assertThat(loaded.functionUrls()).singleElement().satisfies(url -> {
            assertThat(url.functionName()).isEqualTo("HelloFunction");
            assertThat(url.invokeMode()).isEqualTo(dev.overtime.platform.function.FunctionUrlDefinition.InvokeMode.BUFFERED);
        });
        assertThat(loaded.permissions()).containsExactly(new dev.overtime.platform.security.FunctionPermission(
                "lambda:InvokeFunctionUrl", "arn:aws:iam::123456789012:user/partner", "HelloFunction", null, null, null,
                "AWS_IAM"));
        assertThat(loaded.notYetServed()).isEmpty();
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void load_whenResourceTypeNotServed_warnsItIsIgnored() {
        LoadedTemplate loaded = fixture.load("""
                Resources:
                  HelloFunction:
                    Type: AWS::Lambda::Function
                    Properties: {Runtime: java21, Handler: example.Hello, Code: hello.jar}
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: !Join ['-', [!Ref AWS::StackName, table]]
                """);

        assertThat(loaded.functions()).hasSize(1);
        assertThat(loaded.notYetServed()).isEmpty();
        assertThat(loaded.warnings()).containsExactly("Table: AWS::DynamoDB::Table ignored");
    }

    @Test
    void load_whenTemplateHasTransformOutputsConditionsAndMetadata_acceptsThemSilently() {
        LoadedTemplate loaded = fixture.load("""
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Description: A function and friends
                Metadata:
                  AWS::ServerlessRepo::Application: {Name: hello}
                Mappings:
                  Sizes: {dev: {Memory: 256}}
                Conditions:
                  IsProd: !Equals [!Ref AWS::AccountId, '000000000000']
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: example.Hello, CodeUri: hello.jar}
                Outputs:
                  HelloArn:
                    Value: !If [IsProd, !GetAtt HelloFunction.Arn, !Join ['', [x]]]
                    Export: {Name: !Sub '${AWS::StackName}-arn'}
                """);

        assertThat(loaded.functions()).hasSize(1);
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void load_whenTopLevelSectionUnknown_warnsItIsIgnored() {
        LoadedTemplate loaded = fixture.load("""
                Resource:
                  Typo: true
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: example.Hello, CodeUri: hello.jar}
                """);

        assertThat(loaded.warnings()).containsExactly("Resource: not a template section; ignored");
    }

    @Test
    void load_whenFunctionHasCondition_servesItAndWarns() {
        LoadedTemplate loaded = fixture.load("""
                Conditions:
                  IsProd: !Equals [a, b]
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Condition: IsProd
                    Properties: {Runtime: java21, Handler: example.Hello, CodeUri: hello.jar}
                """);

        assertThat(loaded.functions()).hasSize(1);
        assertThat(loaded.warnings()).containsExactly("HelloFunction.Condition: not evaluated; the function is served");
    }

    @Test
    void load_returnsTheAbsoluteTemplatePath() {
        LoadedTemplate loaded = fixture.load("""
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: example.Hello, CodeUri: hello.jar}
                """);

        assertThat(loaded.file()).isEqualTo(fixture.template().toAbsolutePath());
        assertThat(loaded.function("HelloFunction")).isPresent();
        assertThat(loaded.function("Other")).isEmpty();
    }

    @Test
    void load_whenYamlAnchorsUsed_resolvesAliases() {
        LoadedTemplate loaded = fixture.load("""
                Resources:
                  First:
                    Type: AWS::Serverless::Function
                    Properties: &common
                      Runtime: java21
                      Handler: example.Hello
                      CodeUri: hello.jar
                  Second:
                    Type: AWS::Serverless::Function
                    Properties: *common
                """);

        assertThat(loaded.functions()).extracting(FunctionDefinition::name).containsExactly("First", "Second");
    }

    @Test
    void load_whenJsonStartsWithAByteOrderMark_readsIt() {
        fixture.file("template.json", "\uFEFF{\n\t\"Resources\": {\"Hello\": {\"Type\": \"AWS::Lambda::Function\",\n"
                + "\t\t\"Properties\": {\"Runtime\": \"java21\", \"Handler\": \"a.A\", \"Code\": \"hello.jar\"}}}\n}\n");

        LoadedTemplate loaded = TemplateLoader.load(dir.resolve("template.json"), Map.of(), null);

        assertThat(loaded.functions()).extracting(FunctionDefinition::name).containsExactly("Hello");
    }

    @Test
    void load_whenFileIsNotUtf8_failsSayingSo() throws IOException {
        Files.write(fixture.template(), new byte[] {'R', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});

        assertThatThrownBy(() -> TemplateLoader.load(fixture.template(), Map.of(), null))
                .hasMessage(fixture.template() + ": expected UTF-8 text, found bytes that are not UTF-8");
    }

    @Test
    void load_whenControlCharacterInText_failsNamingItsLine() {
        TemplateException e = fixture.loadFails("Resources:\n  Hello:\n    Type: \u0001\n");

        assertThat(e).hasMessage(fixture.template() + ":3: malformed YAML: character U+0001 is not allowed");
    }

    @Test
    void load_whenAliasContainsItself_failsNamingTheProperty() {
        TemplateException e = fixture.loadFails("""
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties: &props
                      Tags: *props
                """);

        fixture.assertProblem(e, 5, "Resources.Hello.Properties.Tags",
                "expected a value, found an alias that contains itself");
    }
}
