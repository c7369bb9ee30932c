package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.overtime.platform.function.FunctionDefinition;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The properties of AWS::Serverless::Function and AWS::Lambda::Function, their defaults and their checks. */
class FunctionPropertiesTest {

    @TempDir
    Path dir;

    private TemplateFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new TemplateFixture(dir);
    }

    /** A serverless function whose line 9 onwards is {@code extra}. */
    private static String serverless(String extra) {
        return """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: example.Hello::handleRequest
                      CodeUri: hello.jar
                """ + extra.indent(6);
    }

    @Test
    void load_whenOnlyRequiredPropertiesSet_usesLambdaDefaults() {
        FunctionDefinition f = fixture.load(serverless("")).functions().getFirst();

        assertThat(f.logicalId()).isEqualTo("HelloFunction");
        assertThat(f.name()).isEqualTo("HelloFunction");
        assertThat(f.runtime()).isEqualTo("java21");
        assertThat(f.handler()).isEqualTo("example.Hello::handleRequest");
        assertThat(f.code()).isEqualTo(dir.resolve("hello.jar").toAbsolutePath());
        assertThat(f.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(f.memorySizeMb()).isEqualTo(128);
        assertThat(f.environment()).isEmpty();
        assertThat(f.reservedConcurrency()).isNull();
        assertThat(f.description()).isEmpty();
    }

    @Test
    void load_whenEveryPropertySet_readsThemAll() {
        FunctionDefinition f = fixture.load(serverless("""
                FunctionName: hello-world
                Description: Says hello
                Timeout: 900
                MemorySize: 10240
                ReservedConcurrentExecutions: 0
                PackageType: Zip
                Architectures: [arm64]
                Environment:
                  Variables:
                    GREETING: hello
                    RETRIES: 3
                    RATIO: 0.5
                    VERBOSE: True
                    QUOTED: '007'
                """)).functions().getFirst();

        assertThat(f.name()).isEqualTo("hello-world");
        assertThat(f.description()).isEqualTo("Says hello");
        assertThat(f.timeout()).isEqualTo(Duration.ofSeconds(900));
        assertThat(f.memorySizeMb()).isEqualTo(10240);
        assertThat(f.reservedConcurrency()).isZero();
        // FunctionDefinition copies the map with Map.copyOf, which does not keep template order.
        assertThat(f.environment()).containsOnly(
                entry("GREETING", "hello"),
                entry("RETRIES", "3"),
                entry("RATIO", "0.5"),
                entry("VERBOSE", "true"),
                entry("QUOTED", "007"));
    }

    @Test
    void load_whenTimeoutNotInteger_failsNamingLineAndProperty() {
        TemplateException e = fixture.loadFails(serverless("Timeout: soon"));

        fixture.assertProblem(e, 9, "Resources.HelloFunction.Properties.Timeout",
                "expected an integer from 1 to 900 (seconds), found 'soon'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "901", "2.5", "-1", "true"})
    void load_whenTimeoutOutOfRange_failsNamingTheValue(String timeout) {
        TemplateException e = fixture.loadFails(serverless("Timeout: " + timeout));

        fixture.assertProblem(e, 9, "Resources.HelloFunction.Properties.Timeout",
                "expected an integer from 1 to 900 (seconds), found '" + timeout + "'");
    }

    @Test
    void load_whenTimeoutQuoted_acceptsTheDigits() {
        FunctionDefinition f = fixture.load(serverless("Timeout: '30'")).functions().getFirst();

        assertThat(f.timeout()).hasSeconds(30);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127", "10241", "big"})
    void load_whenMemorySizeOutOfRange_failsNamingLineAndProperty(String memory) {
        TemplateException e = fixture.loadFails(serverless("MemorySize: " + memory));

        fixture.assertProblem(e, 9, "Resources.HelloFunction.Properties.MemorySize",
                "expected an integer from 128 to 10240 (MB), found '" + memory + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "many"})
    void load_whenReservedConcurrencyNotANonNegativeInteger_fails(String reserved) {
        TemplateException e = fixture.loadFails(serverless("ReservedConcurrentExecutions: " + reserved));

        fixture.assertProblem(e, 9, "Resources.HelloFunction.Properties.ReservedConcurrentExecutions",
                "expected an integer of 0 or more, found '" + reserved + "'");
    }

    @Test
    void load_whenReservedConcurrencySet_readsIt() {
        FunctionDefinition f = fixture.load(serverless("ReservedConcurrentExecutions: 5")).functions().getFirst();

        assertThat(f.reservedConcurrency()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"python3.12", "java11", "nodejs16.x", "provided.al3"})
    void load_whenRuntimeNotSupported_failsListingTheSupportedOnes(String runtime) {
        TemplateException e = fixture.loadFails("""
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: %s
                      Handler: app.handler
                      CodeUri: hello.jar
                """.formatted(runtime));

        fixture.assertProblem(e, 5, "Resources.HelloFunction.Properties.Runtime",
                "expected one of provided, provided.al2, provided.al2023, java17, java21, java25, nodejs18.x, "
                        + "nodejs20.x, nodejs22.x, found '" + runtime + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"provided", "provided.al2", "provided.al2023", "java17", "java21", "java25",
            "nodejs18.x", "nodejs20.x", "nodejs22.x"})
    void load_whenRuntimeSupported_acceptsIt(String runtime) {
        FunctionDefinition f = fixture.load("""
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: %s, Handler: app.handler, CodeUri: hello.jar}
                """.formatted(runtime)).functions().getFirst();

        assertThat(f.runtime()).isEqualTo(runtime);
    }

    @Test
    void load_whenRuntimeMissing_failsNamingThePropertiesLine() {
        TemplateException e = fixture.loadFails("""
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: app.handler
                      CodeUri: hello.jar
                """);

        fixture.assertProblem(e, 4, "Resources.HelloFunction.Properties.Runtime",
                "required: expected one of provided,", "found nothing");
    }

    @Test
    void load_whenHandlerMissingForJava_failsSayingTheRuntimeNeedsOne() {
        TemplateException e = fixture.loadFails("""
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      CodeUri: hello.jar
                """);

        fixture.assertProblem(e, 4, "Resources.HelloFunction.Properties.Handler",
                "required: expected a handler", "(runtime java21 needs one), found nothing");
    }

    @Test
    void load_whenHandlerMissingForProvidedRuntime_acceptsNullHandler() {
        FunctionDefinition f = fixture.load("""
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: provided.al2023
                      CodeUri: bootstrap-src
                """).functions().getFirst();

        assertThat(f.handler()).isNull();
        assertThat(f.code()).isEqualTo(dir.resolve("bootstrap-src").toAbsolutePath());
    }

    @Test
    void load_whenHandlerHasSpaces_fails() {
        TemplateException e = fixture.loadFails("""
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: nodejs20.x
                      Handler: index handler
                      CodeUri: node-src
                """);

        fixture.assertProblem(e, 6, "Resources.HelloFunction.Properties.Handler",
                "expected a handler of 1 to 128 characters without spaces, found 'index handler'");
    }

    @Test
    void load_whenCodeUriIsAnS3Object_failsSayingLocalCodeIsRequired() {
        TemplateException e = fixture.loadFails("""
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: example.Hello
                      CodeUri:
                        Bucket: my-bucket
                        Key: hello.jar
                """);

        fixture.assertProblem(e, 7, "Resources.HelloFunction.Properties.CodeUri",
                "expected a local folder, .jar or .zip (relative to the template's folder), found an S3 object",
                "local code only");
    }

    @Test
    void load_whenCodeUriIsAnS3Url_failsSayingLocalCodeIsRequired() {
        TemplateException e = fixture.loadFails(serverless("").replace("hello.jar", "s3://my-bucket/hello.jar"));

        fixture.assertProblem(e, 8, "Resources.HelloFunction.Properties.CodeUri",
                "found the S3 location 's3://my-bucket/hello.jar'; Overtime runs local code only");
    }

    @Test
    void load_whenCodeUriDoesNotExist_failsNamingTheResolvedPath() {
        TemplateException e = fixture.loadFails(serverless("").replace("hello.jar", "build/missing.jar"));

        fixture.assertProblem(e, 8, "Resources.HelloFunction.Properties.CodeUri",
                "found 'build/missing.jar', but " + dir.resolve("build/missing.jar").toAbsolutePath()
                        + " does not exist");
    }

    @Test
    void load_whenCodeUriIsNeitherFolderNorJarNorZip_fails() {
        fixture.file("hello.txt", "text");

        TemplateException e = fixture.loadFails(serverless("").replace("hello.jar", "hello.txt"));

        fixture.assertProblem(e, 8, "Resources.HelloFunction.Properties.CodeUri",
                "found 'hello.txt', which is a file but neither a .jar nor a .zip");
    }

    @Test
    void load_whenCodeUriIsAZipOrAFolder_resolvesItAgainstTheTemplateFolder() {
        fixture.file("dist/app.zip", "zip");

        FunctionDefinition zip = fixture.load(serverless("").replace("hello.jar", "./dist/../dist/app.zip"))
                .functions().getFirst();
        FunctionDefinition folder = fixture.load(serverless("").replace("hello.jar", "node-src/"))
                .functions().getFirst();

        assertThat(zip.code()).isEqualTo(dir.resolve("dist/app.zip").toAbsolutePath());
        assertThat(folder.code()).isEqualTo(dir.resolve("node-src").toAbsolutePath());
    }

    @Test
    void load_whenCodeUriMissing_failsSayingWhatIsExpected() {
        TemplateException e = fixture.loadFails("""
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: example.Hello
                """);

        fixture.assertProblem(e, 4, "Resources.HelloFunction.Properties.CodeUri",
                "required: expected a local folder, .jar or .zip (relative to the template's folder), found nothing");
    }

    @Test
    void load_whenInlineCodeUsed_failsSayingItIsNotSupportedYet() {
        TemplateException e = fixture.loadFails("""
                Resources:
                  HelloFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: nodejs20.x
                      Handler: index.handler
                      InlineCode: |
                        exports.handler = async () => 'hi';
                """);

        fixture.assertProblem(e, 7, "Resources.HelloFunction.Properties.InlineCode",
                "InlineCode is not supported yet; expected CodeUri with a local folder");
    }

    @Test
    void load_whenPackageTypeImage_failsSayingContainerImagesAreNotSupported() {
        TemplateException e = fixture.loadFails(serverless("PackageType: Image"));

        fixture.assertProblem(e, 9, "Resources.HelloFunction.Properties.PackageType",
                "container images are not supported; expected Zip, found 'Image'");
    }

    @Test
    void load_whenLambdaFunctionHasLocalCode_readsIt() {
        FunctionDefinition f = fixture.load("""
                Resources:
                  HelloFunction:
                    Type: AWS::Lambda::Function
                    Properties:
                      FunctionName: raw-hello
                      Runtime: nodejs22.x
                      Handler: index.handler
                      Code: node-src
                      Timeout: 10
                      MemorySize: 512
                      ReservedConcurrentExecutions: 2
                      Description: plain CloudFormation
                      Environment:
                        Variables:
                          STAGE: dev
                """).functions().getFirst();

        assertThat(f.name()).isEqualTo("raw-hello");
        assertThat(f.runtime()).isEqualTo("nodejs22.x");
        assertThat(f.code()).isEqualTo(dir.resolve("node-src").toAbsolutePath());
        assertThat(f.timeout()).hasSeconds(10);
        assertThat(f.memorySizeMb()).isEqualTo(512);
        assertThat(f.reservedConcurrency()).isEqualTo(2);
        assertThat(f.description()).isEqualTo("plain CloudFormation");
        assertThat(f.environment()).containsEntry("STAGE", "dev");
    }

    @Test
    void load_whenLambdaFunctionHasZipFile_failsSayingInlineCodeIsNotSupportedYet() {
        TemplateException e = fixture.loadFails("""
                Resources:
                  HelloFunction:
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: nodejs20.x
                      Handler: index.handler
                      Code:
                        ZipFile: exports.handler = async () => 'hi';
                """);

        fixture.assertProblem(e, 7, "Resources.HelloFunction.Properties.Code",
                "inline code (ZipFile) is not supported yet; expected a local folder, .jar or .zip");
    }

    @Test
    void load_whenLambdaFunctionCodeIsInS3_failsSayingLocalCodeIsRequired() {
        TemplateException e = fixture.loadFails("""
                Resources:
                  HelloFunction:
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: java21
                      Handler: example.Hello
                      Code: {S3Bucket: my-bucket, S3Key: hello.jar}
                """);

        fixture.assertProblem(e, 7, "Resources.HelloFunction.Properties.Code", "found an S3 object",
                "local code only");
    }

    @Test
    void load_whenLambdaFunctionCodeIsAnImage_failsSayingContainerImagesAreNotSupported() {
        TemplateException e = fixture.loadFails("""
                Resources:
                  HelloFunction:
                    Type: AWS::Lambda::Function
                    Properties:
                      PackageType: Image
                      Code: {ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/hello:latest}
                """);

        fixture.assertProblem(e, 5, "Resources.HelloFunction.Properties.PackageType",
                "container images are not supported");
    }

    @Test
    void load_whenEnvironmentValueIsAMap_failsNamingTheVariable() {
        TemplateException e = fixture.loadFails(serverless("""
                Environment:
                  Variables:
                    GREETING: hello
                    NESTED: {a: b}
                """));

        fixture.assertProblem(e, 12, "Resources.HelloFunction.Properties.Environment.Variables.NESTED",
                "expected a text, number or boolean value, found a map");
    }

    @Test
    void load_whenEnvironmentValueEmpty_failsSayingFoundNothing() {
        TemplateException e = fixture.loadFails(serverless("""
                Environment:
                  Variables:
                    GREETING:
                """));

        fixture.assertProblem(e, 11, "Resources.HelloFunction.Properties.Environment.Variables.GREETING",
                "expected a text, number or boolean value, found nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1ST", "A", "HAS-DASH", "_PRIVATE"})
    void load_whenEnvironmentKeyInvalid_failsNamingTheKey(String key) {
        TemplateException e = fixture.loadFails(serverless("""
                Environment:
                  Variables:
                    %s: value
                """.formatted(key)));

        fixture.assertProblem(e, 11, "Resources.HelloFunction.Properties.Environment.Variables." + key,
                "expected a variable name of a letter followed by letters, digits or underscores "
                        + "([a-zA-Z][a-zA-Z0-9_]+), found '" + key + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWS_REGION", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_RUNTIME_API", "AWS_ACCESS_KEY_ID",
            "LAMBDA_TASK_ROOT"})
    void load_whenEnvironmentKeyReservedByLambda_failsNamingTheKey(String key) {
        TemplateException e = fixture.loadFails(serverless("""
                Environment:
                  Variables:
                    %s: value
                """.formatted(key)));

        fixture.assertProblem(e, 11, "Resources.HelloFunction.Properties.Environment.Variables." + key,
                "expected a variable name Lambda does not reserve, found '" + key + "', which Lambda sets itself");
    }

    @Test
    void load_whenEnvironmentSetsTheExecWrapper_acceptsIt() {
        FunctionDefinition f = fixture.load(serverless("""
                Environment:
                  Variables:
                    AWS_LAMBDA_EXEC_WRAPPER: /opt/wrapper
                """)).functions().getFirst();

        assertThat(f.environment()).containsEntry("AWS_LAMBDA_EXEC_WRAPPER", "/opt/wrapper");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello world", "hello.world", "a-name-that-is-much-too-long-for-lambda-which-allows-64-chars-only"})
    void load_whenFunctionNameInvalid_failsNamingTheName(String name) {
        TemplateException e = fixture.loadFails(serverless("FunctionName: " + name));

        fixture.assertProblem(e, 9, "Resources.HelloFunction.Properties.FunctionName",
                "expected a function name of 1 to 64 letters, digits, hyphens or underscores, found '" + name + "'");
    }

    @Test
    void load_whenTwoFunctionsShareAName_failsNamingBoth() {
        TemplateException e = fixture.loadFails("""
                Resources:
                  First:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: a.A, CodeUri: hello.jar, FunctionName: hello}
                  Second:
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: java21
                      Handler: a.A
                      Code: hello.jar
                      FunctionName: hello
                """);

        fixture.assertProblem(e, 11, "Resources.Second.Properties.FunctionName",
                "expected a function name no other function has, found 'hello', already the name of First (line 2)");
    }

    @Test
    void load_whenFunctionNameEqualsAnotherLogicalId_failsNamingTheResource() {
        TemplateException e = fixture.loadFails("""
                Resources:
                  First:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: a.A, CodeUri: hello.jar, FunctionName: Second}
                  Second:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: a.A, CodeUri: hello.jar}
                """);

        fixture.assertProblem(e, 5, "Resources.Second", "found 'Second', already the name of First (line 2)");
    }

    @Test
    void load_whenDescriptionTooLong_fails() {
        TemplateException e = fixture.loadFails(serverless("Description: " + "x".repeat(257)));

        fixture.assertProblem(e, 9, "Resources.HelloFunction.Properties.Description",
                "expected a description of at most 256 characters, found 257 characters");
    }

    @Test
    void load_whenPropertiesServedLater_warnsForEach() {
        LoadedTemplate loaded = fixture.load(serverless("""
                Events:
                  Api: {Type: Api, Properties: {Path: /, Method: get}}
                FunctionUrlConfig: {AuthType: NONE}
                EventInvokeConfig: {MaximumRetryAttempts: 0}
                DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt Queue.Arn}
                AutoPublishAlias: live
                Role: !GetAtt HelloRole.Arn
                Policies: [AWSLambdaBasicExecutionRole]
                Tracing: Active
                """));

        assertThat(loaded.warnings()).containsExactly(
                "HelloFunction.DeadLetterQueue: SQS/SNS dead-letter queues are not served; dead events stay in "
                        + "Overtime's dead-letter store (overtime events HelloFunction --state dead)");
        // SAM configures the AutoPublishAlias alias rather than $LATEST.
        assertThat(loaded.eventInvokeConfigs().get("HelloFunction:live").maximumRetryAttempts()).isZero();
    }

    @Test
    void load_whenLambdaFunctionPropertiesServedLater_warnsForEach() {
        LoadedTemplate loaded = fixture.load("""
                Resources:
                  HelloFunction:
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: java21
                      Handler: example.Hello
                      Code: hello.jar
                      Layers: [arn:aws:lambda:us-east-1:123456789012:layer:x:1]
                      DeadLetterConfig: {TargetArn: arn:aws:sqs:us-east-1:123456789012:dlq}
                """);

        assertThat(loaded.warnings()).containsExactly(
                "HelloFunction.DeadLetterConfig: SQS/SNS dead-letter queues are not served; dead events stay in "
                        + "Overtime's dead-letter store (overtime events HelloFunction --state dead)",
                "HelloFunction.Layers: layer ARNs outside the template are not served; ignored "
                        + "(arn:aws:lambda:us-east-1:123456789012:layer:x:1)");
    }

    @Test
    void load_whenArchitectureUnknown_warnsItIsNotServedYet() {
        LoadedTemplate loaded = fixture.load(serverless("Architectures: [riscv64]"));

        assertThat(loaded.functions()).hasSize(1);
        assertThat(loaded.warnings()).containsExactly(
                "HelloFunction.Architectures: not served yet ('riscv64'; Overtime serves x86_64 and arm64)");
    }

    @Test
    void load_whenPropertyMisspelled_warnsItIsIgnored() {
        LoadedTemplate loaded = fixture.load(serverless("Timout: 30"));

        assertThat(loaded.functions().getFirst().timeout()).hasSeconds(3);
        assertThat(loaded.warnings()).containsExactly(
                "HelloFunction.Timout: not a property of AWS::Serverless::Function; ignored");
    }
}
