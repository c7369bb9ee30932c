package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.overtime.platform.function.FunctionDefinition;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ref, Fn::GetAtt and Fn::Sub in their short and long forms, and the intrinsics Overtime refuses. */
class IntrinsicResolutionTest {

    private static final TemplateContext CTX = new TemplateContext("eu-west-1", "111122223333", "my-stack");

    @TempDir
    Path dir;

    private TemplateFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new TemplateFixture(dir);
    }

    private LoadedTemplate load(String template) {
        fixture.write(template);
        return TemplateLoader.load(fixture.template(), Map.of(), CTX);
    }

    private TemplateException loadFails(String template) {
        fixture.write(template);
        return catchThrowableOfType(TemplateException.class,
                () -> TemplateLoader.load(fixture.template(), Map.of(), CTX));
    }

    /** A function Other (named other-fn) on lines 2-4, then Hello from line 5 whose line 11 onwards is {@code extra}. */
    private static String withOther(String extra) {
        return """
                Resources:
                  Other:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: a.A, CodeUri: hello.jar, FunctionName: other-fn}
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.A
                      CodeUri: hello.jar
                """ + extra.indent(6);
    }

    private static Map<String, String> environmentOf(LoadedTemplate loaded) {
        return loaded.function("Hello").orElseThrow().environment();
    }

    @Test
    void load_whenRefToParameterInShortAndLongForm_usesItsValue() {
        FunctionDefinition f = load("""
                Parameters:
                  Seconds: {Type: Number, Default: 42}
                  Memory: {Type: Number, Default: 512}
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.A
                      CodeUri: hello.jar
                      Timeout: !Ref Seconds
                      MemorySize: {"Ref": "Memory"}
                """).functions().getFirst();

        assertThat(f.timeout()).hasSeconds(42);
        assertThat(f.memorySizeMb()).isEqualTo(512);
    }

    @Test
    void load_whenRefToFunction_usesItsFunctionNameOrLogicalId() {
        LoadedTemplate loaded = load(withOther("""
                Environment:
                  Variables:
                    OTHER_SHORT: !Ref Other
                    OTHER_LONG: {Ref: Other}
                    MYSELF: !Ref Hello
                """));

        assertThat(environmentOf(loaded)).containsOnly(
                Map.entry("OTHER_SHORT", "other-fn"), Map.entry("OTHER_LONG", "other-fn"),
                Map.entry("MYSELF", "Hello"));
    }

    @Test
    void load_whenRefToPseudoParameters_usesTheContext() {
        LoadedTemplate loaded = load(withOther("""
                Environment:
                  Variables:
                    REGION: !Ref AWS::Region
                    ACCOUNT: !Ref AWS::AccountId
                    STACK: !Ref AWS::StackName
                    PARTITION: !Ref AWS::Partition
                    SUFFIX: !Ref AWS::URLSuffix
                """));

        assertThat(environmentOf(loaded)).containsOnly(
                Map.entry("REGION", "eu-west-1"), Map.entry("ACCOUNT", "111122223333"),
                Map.entry("STACK", "my-stack"), Map.entry("PARTITION", "aws"),
                Map.entry("SUFFIX", "amazonaws.com"));
    }

    @Test
    void load_whenRefToNoValue_removesTheProperty() {
        LoadedTemplate loaded = load(withOther("""
                Timeout: !Ref AWS::NoValue
                Environment:
                  Variables:
                    KEPT: yes-kept
                    DROPPED: {Ref: AWS::NoValue}
                """));

        FunctionDefinition hello = loaded.function("Hello").orElseThrow();
        assertThat(hello.timeout()).hasSeconds(3);
        assertThat(hello.environment()).containsOnlyKeys("KEPT");
    }

    @Test
    void load_whenGetAttArnInEveryForm_usesTheFunctionArn() {
        LoadedTemplate loaded = load(withOther("""
                Environment:
                  Variables:
                    SHORT_DOTTED: !GetAtt Other.Arn
                    SHORT_LIST: !GetAtt [Other, Arn]
                    LONG_DOTTED: {"Fn::GetAtt": "Other.Arn"}
                    LONG_LIST: {"Fn::GetAtt": ["Other", "Arn"]}
                """));

        assertThat(environmentOf(loaded).values())
                .containsOnly("arn:aws:lambda:eu-west-1:111122223333:function:other-fn");
        assertThat(environmentOf(loaded)).hasSize(4);
    }

    @Test
    void load_whenGetAttOfAnotherAttribute_failsNamingIt() {
        TemplateException e = loadFails(withOther("Description: !GetAtt Other.SnapStartResponse"));

        fixture.assertProblem(e, 11, "Resources.Hello.Properties.Description",
                "expected the Arn attribute of function 'Other', found 'SnapStartResponse'");
    }

    @Test
    void load_whenGetAttOfANonFunction_failsNamingItsType() {
        TemplateException e = loadFails("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.A
                      CodeUri: hello.jar
                      Description: !GetAtt Queue.Arn
                """);

        fixture.assertProblem(e, 10, "Resources.Hello.Properties.Description",
                "found 'Queue' of type AWS::SQS::Queue, whose attributes Overtime does not resolve");
    }

    @Test
    void load_whenSubInShortAndLongForm_substitutesEveryKindOfVariable() {
        LoadedTemplate loaded = load("""
                Parameters:
                  Stage: {Type: String, Default: dev}
                Resources:
                  Other:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: a.A, CodeUri: hello.jar, FunctionName: other-fn}
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.A
                      CodeUri: hello.jar
                      Environment:
                        Variables:
                          SHORT: !Sub "${Stage}/${Other}/${AWS::Region}/${!Literal}"
                          LONG: {"Fn::Sub": "${Other.Arn}"}
                          MAP_SHORT: !Sub
                            - "${Greeting}, ${Who} in ${Stage}"
                            - Greeting: hello
                              Who: !Ref Other
                          MAP_LONG: {"Fn::Sub": ["${Arn}", {"Arn": {"Fn::GetAtt": ["Other", "Arn"]}}]}
                """);

        assertThat(environmentOf(loaded)).containsOnly(
                Map.entry("SHORT", "dev/other-fn/eu-west-1/${Literal}"),
                Map.entry("LONG", "arn:aws:lambda:eu-west-1:111122223333:function:other-fn"),
                Map.entry("MAP_SHORT", "hello, other-fn in dev"),
                Map.entry("MAP_LONG", "arn:aws:lambda:eu-west-1:111122223333:function:other-fn"));
    }

    @Test
    void load_whenFunctionNameUsesSub_otherFunctionsSeeTheResolvedName() {
        LoadedTemplate loaded = load("""
                Resources:
                  Other:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.A
                      CodeUri: hello.jar
                      Environment: {Variables: {TARGET: !GetAtt Hello.Arn}}
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.A
                      CodeUri: hello.jar
                      FunctionName: !Sub ${AWS::StackName}-hello
                """);

        assertThat(loaded.function("my-stack-hello")).isPresent();
        assertThat(loaded.function("Other").orElseThrow().environment())
                .containsEntry("TARGET", "arn:aws:lambda:eu-west-1:111122223333:function:my-stack-hello");
    }

    @Test
    void load_whenFunctionNamesReferToEachOther_failsNamingTheCycle() {
        TemplateException e = loadFails("""
                Resources:
                  Ping:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.A
                      CodeUri: hello.jar
                      FunctionName: !Sub ${Pong}-ping
                  Pong:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.A
                      CodeUri: hello.jar
                      FunctionName: !Sub ${Ping}-pong
                """);

        fixture.assertProblem(e, 8, "Resources.Ping.Properties.FunctionName",
                "expected a name that does not depend on itself, found the cycle Ping -> Pong -> Ping");
    }

    @ParameterizedTest
    @ValueSource(strings = {"!Join ['-', [a, b]]", "!If [IsProd, a, b]", "!FindInMap [Sizes, dev, Memory]",
            "!ImportValue shared-name", "!Select [0, [a, b]]", "!Base64 text"})
    void load_whenUnsupportedIntrinsicInAReadProperty_failsNamingIt(String intrinsic) {
        TemplateException e = loadFails(withOther("Description: " + intrinsic));

        String tag = intrinsic.substring(0, intrinsic.indexOf(' '));
        fixture.assertProblem(e, 11, "Resources.Hello.Properties.Description",
                "expected a plain value, !Ref, !GetAtt or !Sub here, found " + tag
                        + ", which Overtime does not support yet");
    }

    @Test
    void load_whenUnsupportedIntrinsicInLongForm_failsNamingIt() {
        TemplateException e = loadFails(withOther("""
                Environment:
                  Variables:
                    JOINED: {"Fn::Join": ["-", [a, b]]}
                """));

        fixture.assertProblem(e, 13, "Resources.Hello.Properties.Environment.Variables.JOINED",
                "found Fn::Join, which Overtime does not support yet");
    }

    @Test
    void load_whenUnsupportedIntrinsicInAnIgnoredProperty_loads() {
        LoadedTemplate loaded = load(withOther("""
                Role: !If [HasRole, !GetAtt Role.Arn, !Ref AWS::NoValue]
                Tags:
                  Name: !Join ['-', [!Ref AWS::StackName, !Select [0, [a]]]]
                VpcConfig:
                  SubnetIds: !Split [',', !ImportValue subnets]
                """));

        assertThat(loaded.functions()).hasSize(2);
    }

    @Test
    void load_whenRefToUndeclaredName_failsNamingIt() {
        TemplateException e = loadFails(withOther("Description: !Ref Nowhere"));

        fixture.assertProblem(e, 11, "Resources.Hello.Properties.Description",
                "expected the name of a parameter, resource or pseudo parameter, found 'Nowhere', "
                        + "which the template does not declare");
    }

    @Test
    void load_whenSubRefersToUndeclaredName_failsNamingIt() {
        TemplateException e = loadFails(withOther("Description: !Sub 'hello ${Nowhere}'"));

        fixture.assertProblem(e, 11, "Resources.Hello.Properties.Description", "found 'Nowhere'");
    }

    @Test
    void load_whenRefToANonFunctionResource_failsNamingItsType() {
        TemplateException e = loadFails("""
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.A
                      CodeUri: hello.jar
                      Environment:
                        Variables:
                          TABLE: !Ref Table
                """);

        fixture.assertProblem(e, 12, "Resources.Hello.Properties.Environment.Variables.TABLE",
                "expected a parameter, a function, a version, an alias or a pseudo parameter, found 'Table' of type "
                        + "AWS::DynamoDB::Table");
    }

    @Test
    void load_whenRefToUnsupportedPseudoParameter_failsListingTheSupportedOnes() {
        TemplateException e = loadFails(withOther("Description: !Ref AWS::StackId"));

        fixture.assertProblem(e, 11, "Resources.Hello.Properties.Description",
                "expected one of the pseudo parameters AWS::NoValue, AWS::AccountId, AWS::Partition, AWS::Region, "
                        + "AWS::StackName, AWS::URLSuffix, found 'AWS::StackId'");
    }

    @Test
    void load_whenRefArgumentIsNotAName_failsSayingWhatIsExpected() {
        TemplateException e = loadFails(withOther("Description: !Ref [a, b]"));

        fixture.assertProblem(e, 11, "Resources.Hello.Properties.Description",
                "expected !Ref with the name of a parameter, resource or pseudo parameter, found a list");
    }

    @Test
    void load_whenGetAttArgumentMalformed_failsSayingWhatIsExpected() {
        TemplateException e = loadFails(withOther("Description: !GetAtt OtherArn"));

        fixture.assertProblem(e, 11, "Resources.Hello.Properties.Description",
                "expected !GetAtt Resource.Attribute or [Resource, Attribute], found 'OtherArn'");
    }

    @Test
    void load_whenSubArgumentMalformed_failsSayingWhatIsExpected() {
        TemplateException e = loadFails(withOther("Description: {\"Fn::Sub\": [a, b, c]}"));

        fixture.assertProblem(e, 11, "Resources.Hello.Properties.Description",
                "expected Fn::Sub with a string, or a list of a string and a map of variables, found a list");
    }
}
