package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overtime.platform.async.EventInvokeConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Asynchronous invocation settings: SAM's EventInvokeConfig property and AWS::Lambda::EventInvokeConfig. */
class EventInvokeConfigTemplateTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:";

    /** A second function, for destinations to point at. */
    private static final String COLLECTOR = """
            Collector:
              Type: AWS::Serverless::Function
              Properties: {Runtime: java21, Handler: example.Collector, CodeUri: hello.jar}
            """;

    @TempDir
    Path dir;

    private TemplateFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new TemplateFixture(dir);
    }

    private static String template(String helloProperties, String otherResources) {
        return TemplateFixture.samHello(helloProperties, otherResources);
    }

    @Test
    void load_samPropertyWithFunctionDestinations_readsSettingsAndFunctionArns() {
        long before = System.currentTimeMillis();
        LoadedTemplate loaded = fixture.load(template("""
                EventInvokeConfig:
                  MaximumEventAgeInSeconds: 120
                  MaximumRetryAttempts: 1
                  DestinationConfig:
                    OnSuccess: {Type: Lambda, Destination: !Ref Audit}
                    OnFailure:
                      Type: Lambda
                      Destination: !GetAtt Collector.Arn
                """, COLLECTOR + """
                Audit:
                  Type: AWS::Serverless::Function
                  Properties: {FunctionName: audit-log, Runtime: java21, Handler: example.Audit, CodeUri: hello.jar}
                """));

        assertThat(loaded.eventInvokeConfigs()).containsOnlyKeys("Hello");
        EventInvokeConfig config = loaded.eventInvokeConfigs().get("Hello");
        assertThat(config.maximumEventAgeSeconds()).isEqualTo(120);
        assertThat(config.maximumRetryAttempts()).isEqualTo(1);
        assertThat(config.onSuccess()).isEqualTo(ARN + "audit-log");
        assertThat(config.onFailure()).isEqualTo(ARN + "Collector");
        assertThat(config.lastModifiedMillis()).isBetween(before, System.currentTimeMillis());
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void load_samPropertyWithoutDestinations_leavesUnsetValuesNull() {
        EventInvokeConfig config = fixture.load(template("EventInvokeConfig: {MaximumRetryAttempts: 0}", ""))
                .eventInvokeConfigs().get("Hello");

        assertThat(config.maximumRetryAttempts()).isZero();
        assertThat(config.maximumEventAgeSeconds()).isNull();
        assertThat(config.onSuccess()).isNull();
        assertThat(config.onFailure()).isNull();
    }

    @Test
    void load_webhookDestination_isKeptWhateverItsType() {
        LoadedTemplate loaded = fixture.load(template("""
                EventInvokeConfig:
                  DestinationConfig:
                    OnSuccess: {Destination: 'https://hooks.example.com/done?team=a'}
                    OnFailure: {Type: SQS, Destination: !Sub 'http://localhost:9000/${AWS::Region}/dead'}
                """, ""));

        EventInvokeConfig config = loaded.eventInvokeConfigs().get("Hello");
        assertThat(config.onSuccess()).isEqualTo("https://hooks.example.com/done?team=a");
        assertThat(config.onFailure()).isEqualTo("http://localhost:9000/us-east-1/dead");
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void load_webhookWithoutHost_failsNamingTheDestination() {
        TemplateException e = fixture.loadFails(template("""
                EventInvokeConfig:
                  DestinationConfig:
                    OnFailure: {Destination: 'https:///dead'}
                """, ""));

        fixture.assertProblem(e, 11, "Resources.Hello.Properties.EventInvokeConfig.DestinationConfig.OnFailure"
                + ".Destination", "expected an http(s) URL with a host, found 'https:///dead'");
    }

    @Test
    void load_configInGlobals_appliesToEveryFunctionMergedWithItsOwn() {
        LoadedTemplate loaded = fixture.load("""
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function:
                    EventInvokeConfig:
                      MaximumRetryAttempts: 0
                      DestinationConfig:
                        OnFailure: {Destination: https://hooks.example.com/failed}
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: example.Hello
                      CodeUri: hello.jar
                      EventInvokeConfig: {MaximumEventAgeInSeconds: 300}
                """ + COLLECTOR.indent(2));

        assertThat(loaded.eventInvokeConfigs()).containsOnlyKeys("Hello", "Collector");
        EventInvokeConfig hello = loaded.eventInvokeConfigs().get("Hello");
        assertThat(hello.maximumRetryAttempts()).isZero();
        assertThat(hello.maximumEventAgeSeconds()).isEqualTo(300);
        assertThat(hello.onFailure()).isEqualTo("https://hooks.example.com/failed");
        EventInvokeConfig collector = loaded.eventInvokeConfigs().get("Collector");
        assertThat(collector.maximumRetryAttempts()).isZero();
        assertThat(collector.maximumEventAgeSeconds()).isNull();
        assertThat(collector.onFailure()).isEqualTo("https://hooks.example.com/failed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"!Ref Hello", "Hello", "!GetAtt Hello.Arn",
            "arn:aws:lambda:us-east-1:123456789012:function:Hello"})
    void load_eventInvokeConfigResource_readsItForTheFunctionNamed(String functionName) {
        LoadedTemplate loaded = fixture.load(template("", """
                Async:
                  Type: AWS::Lambda::EventInvokeConfig
                  Properties:
                    FunctionName: %s
                    Qualifier: $LATEST
                    MaximumEventAgeInSeconds: 3600
                    MaximumRetryAttempts: 2
                    DestinationConfig:
                      OnSuccess:
                        Destination: https://hooks.example.com/done
                      OnFailure:
                        Destination: !GetAtt Collector.Arn
                """.formatted(functionName) + COLLECTOR));

        assertThat(loaded.eventInvokeConfigs()).containsOnlyKeys("Hello");
        EventInvokeConfig config = loaded.eventInvokeConfigs().get("Hello");
        assertThat(config.maximumEventAgeSeconds()).isEqualTo(3600);
        assertThat(config.maximumRetryAttempts()).isEqualTo(2);
        assertThat(config.onSuccess()).isEqualTo("https://hooks.example.com/done");
        assertThat(config.onFailure()).isEqualTo(ARN + "Collector");
        assertThat(loaded.notYetServed()).isEmpty();
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void load_sqsAndSnsDestinations_warnAndLeaveThemOut() {
        LoadedTemplate loaded = fixture.load(template("""
                EventInvokeConfig:
                  MaximumRetryAttempts: 1
                  DestinationConfig:
                    OnSuccess: {Type: SNS, Destination: !Ref Done}
                    OnFailure: {Type: SQS, Destination: !GetAtt DeadLetters.Arn}
                """, """
                DeadLetters:
                  Type: AWS::SQS::Queue
                Done:
                  Type: AWS::SNS::Topic
                """));

        EventInvokeConfig config = loaded.eventInvokeConfigs().get("Hello");
        assertThat(config.maximumRetryAttempts()).isEqualTo(1);
        assertThat(config.onSuccess()).isNull();
        assertThat(config.onFailure()).isNull();
        assertThat(loaded.warnings()).containsExactly(
                "DeadLetters: AWS::SQS::Queue ignored",
                "Done: AWS::SNS::Topic ignored",
                "Hello.EventInvokeConfig.DestinationConfig.OnSuccess: SNS destinations are not served; "
                        + "no success records are sent",
                "Hello.EventInvokeConfig.DestinationConfig.OnFailure: SQS destinations are not served; failed "
                        + "events stay in Overtime's dead-letter store (overtime events Hello --state dead)");
    }

    @Test
    void load_sqsTypeWithoutDestination_warnsSinceSamWouldCreateTheQueue() {
        LoadedTemplate loaded = fixture.load(template("""
                EventInvokeConfig:
                  DestinationConfig:
                    OnFailure: {Type: SQS}
                """, ""));

        assertThat(loaded.eventInvokeConfigs().get("Hello").onFailure()).isNull();
        assertThat(loaded.warnings()).containsExactly("Hello.EventInvokeConfig.DestinationConfig.OnFailure: "
                + "SQS destinations are not served; failed events stay in Overtime's dead-letter store "
                + "(overtime events Hello --state dead)");
    }

    @ParameterizedTest
    @CsvSource({
            "arn:aws:sqs:us-east-1:123456789012:dead, SQS",
            "arn:aws:sns:us-east-1:123456789012:dead, SNS",
            "arn:aws:events:us-east-1:123456789012:event-bus/default, EventBridge",
            "arn:aws:s3:::dead-letters, S3"})
    void load_resourceWithServiceArnDestination_warnsNamingTheService(String arn, String service) {
        LoadedTemplate loaded = fixture.load(template("", """
                Async:
                  Type: AWS::Lambda::EventInvokeConfig
                  Properties:
                    FunctionName: Hello
                    Qualifier: $LATEST
                    DestinationConfig:
                      OnFailure: {Destination: '%s'}
                """.formatted(arn)));

        assertThat(loaded.eventInvokeConfigs().get("Hello").onFailure()).isNull();
        assertThat(loaded.warnings()).containsExactly("Async.DestinationConfig.OnFailure: " + service
                + " destinations are not served; failed events stay in Overtime's dead-letter store "
                + "(overtime events Hello --state dead)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "-1", "two"})
    void load_whenMaximumRetryAttemptsOutOfRange_failsNamingLineAndProperty(String retries) {
        TemplateException e = fixture.loadFails(template("""
                EventInvokeConfig:
                  MaximumRetryAttempts: %s
                """.formatted(retries), ""));

        fixture.assertProblem(e, 10, "Resources.Hello.Properties.EventInvokeConfig.MaximumRetryAttempts",
                "expected an integer from 0 to 2, found '" + retries + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"59", "21601"})
    void load_whenResourceEventAgeOutOfRange_failsNamingLineAndProperty(String age) {
        TemplateException e = fixture.loadFails(template("", """
                Async:
                  Type: AWS::Lambda::EventInvokeConfig
                  Properties:
                    FunctionName: !Ref Hello
                    Qualifier: $LATEST
                    MaximumEventAgeInSeconds: %s
                """.formatted(age)));

        fixture.assertProblem(e, 14, "Resources.Async.Properties.MaximumEventAgeInSeconds",
                "expected an integer from 60 to 21600 (seconds), found '" + age + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:lambda:us-east-1:123456789012:function:Missing", "Missing",
            "arn:aws:lambda:us-east-1:999999999999:function:Hello"})
    void load_whenDestinationFunctionNotInTemplate_failsNamingTheDestination(String destination) {
        TemplateException e = fixture.loadFails(template("""
                EventInvokeConfig:
                  DestinationConfig:
                    OnFailure:
                      Type: Lambda
                      Destination: %s
                """.formatted(destination), ""));

        fixture.assertProblem(e, 13,
                "Resources.Hello.Properties.EventInvokeConfig.DestinationConfig.OnFailure.Destination",
                "expected a destination function the template defines, found '" + destination
                        + "', which the template does not define");
    }

    @Test
    void load_whenDestinationFunctionInAnotherRegion_failsNamingTheRegion() {
        TemplateException e = fixture.loadFails(template("""
                EventInvokeConfig:
                  DestinationConfig:
                    OnSuccess: {Destination: 'arn:aws:lambda:eu-west-1:123456789012:function:Hello'}
                """, ""));

        fixture.assertProblem(e, 11,
                "Resources.Hello.Properties.EventInvokeConfig.DestinationConfig.OnSuccess.Destination",
                "in region us-east-1, found 'arn:aws:lambda:eu-west-1:123456789012:function:Hello'");
    }

    @Test
    void load_whenDestinationTypeUnknown_failsListingTheTypes() {
        TemplateException e = fixture.loadFails(template("""
                EventInvokeConfig:
                  DestinationConfig:
                    OnFailure: {Type: Kinesis, Destination: !GetAtt Hello.Arn}
                """, ""));

        fixture.assertProblem(e, 11, "Resources.Hello.Properties.EventInvokeConfig.DestinationConfig.OnFailure.Type",
                "expected one of SQS, SNS, EventBridge, S3Bucket, Lambda, found 'Kinesis'");
    }

    @Test
    void load_whenPropertyAndResourceConfigureOneFunction_failsNamingBoth() {
        TemplateException e = fixture.loadFails(template("EventInvokeConfig: {MaximumRetryAttempts: 0}", """
                Async:
                  Type: AWS::Lambda::EventInvokeConfig
                  Properties:
                    FunctionName: !Ref Hello
                    Qualifier: $LATEST
                    MaximumRetryAttempts: 1
                """));

        fixture.assertProblem(e, 13, "Resources.Async.Properties.FunctionName",
                "expected one EventInvokeConfig per function and qualifier, found a second for 'Hello', already "
                        + "configured by Hello.EventInvokeConfig (line 9)");
    }

    @Test
    void load_whenResourceFunctionNotInTemplate_failsNamingIt() {
        TemplateException e = fixture.loadFails(template("", """
                Async:
                  Type: AWS::Lambda::EventInvokeConfig
                  Properties: {FunctionName: elsewhere, Qualifier: $LATEST}
                """));

        fixture.assertProblem(e, 11, "Resources.Async.Properties.FunctionName",
                "expected the name, !Ref or ARN of a function the template defines, found 'elsewhere', which the "
                        + "template does not define");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "live | Hello:live",
            "'1' | Hello:1",
            "!Ref LiveAlias | Hello:live",
            "!GetAtt HelloVersion.Version | Hello:{{overtime-version:HelloVersion}}",
            "!Ref HelloVersion | Hello:{{overtime-version:HelloVersion}}",
            "$LATEST | Hello"})
    void load_whenQualifierNamesAnAliasOrVersion_keysTheConfigByNameAndQualifier(String qualifier, String key) {
        LoadedTemplate loaded = fixture.load(template("", """
                Async:
                  Type: AWS::Lambda::EventInvokeConfig
                  Properties:
                    FunctionName: !Ref Hello
                    Qualifier: %s
                    MaximumRetryAttempts: 0
                HelloVersion:
                  Type: AWS::Lambda::Version
                  Properties: {FunctionName: !Ref Hello}
                LiveAlias:
                  Type: AWS::Lambda::Alias
                  Properties: {FunctionName: !Ref Hello, Name: live, FunctionVersion: !GetAtt HelloVersion.Version}
                """.formatted(qualifier)));

        assertThat(loaded.eventInvokeConfigs()).containsOnlyKeys(key);
        assertThat(loaded.eventInvokeConfigs().get(key).maximumRetryAttempts()).isZero();
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void load_samPropertyOnAFunctionWithAutoPublishAlias_configuresTheAlias() {
        LoadedTemplate loaded = fixture.load(template("""
                AutoPublishAlias: live
                EventInvokeConfig: {MaximumRetryAttempts: 1}
                """, ""));

        assertThat(loaded.eventInvokeConfigs()).containsOnlyKeys("Hello:live");
    }

    @Test
    void load_whenPropertyAndResourceConfigureDifferentQualifiers_keepsBoth() {
        LoadedTemplate loaded = fixture.load(template("EventInvokeConfig: {MaximumRetryAttempts: 0}", """
                Async:
                  Type: AWS::Lambda::EventInvokeConfig
                  Properties: {FunctionName: !Ref Hello, Qualifier: blue, MaximumRetryAttempts: 1}
                """));

        assertThat(loaded.eventInvokeConfigs().keySet()).containsExactly("Hello", "Hello:blue");
    }

    @Test
    void load_whenQualifierIsAVersionOfAnotherFunction_failsNamingIt() {
        TemplateException e = fixture.loadFails(template("", """
                Async:
                  Type: AWS::Lambda::EventInvokeConfig
                  Properties:
                    FunctionName: !Ref Hello
                    Qualifier: !GetAtt CollectorVersion.Version
                CollectorVersion:
                  Type: AWS::Lambda::Version
                  Properties: {FunctionName: !Ref Collector}
                """ + COLLECTOR));

        fixture.assertProblem(e, 13, "Resources.Async.Properties.Qualifier",
                "expected a version of function 'Hello', found version 'CollectorVersion', which is not one");
    }

    @Test
    void load_whenQualifierIsNoQualifier_failsSayingWhatIsExpected() {
        TemplateException e = fixture.loadFails(template("", """
                Async:
                  Type: AWS::Lambda::EventInvokeConfig
                  Properties: {FunctionName: !Ref Hello, Qualifier: 'not a qualifier'}
                """));

        fixture.assertProblem(e, 11, "Resources.Async.Properties.Qualifier",
                "expected $LATEST, an alias name, a version number, !Ref to an alias or a version, or "
                        + "!GetAtt Version.Version, found 'not a qualifier'");
    }

    @Test
    void load_destinationOnAnAliasOrVersion_keepsTheQualifiedArn() {
        LoadedTemplate loaded = fixture.load(template("""
                EventInvokeConfig:
                  DestinationConfig:
                    OnSuccess: {Type: Lambda, Destination: !Ref Collector.Alias}
                    OnFailure: {Type: Lambda, Destination: !Ref Collector.Version}
                """, """
                Collector:
                  Type: AWS::Serverless::Function
                  Properties: {Runtime: java21, Handler: example.Collector, CodeUri: hello.jar, AutoPublishAlias: live}
                """));

        EventInvokeConfig config = loaded.eventInvokeConfigs().get("Hello");
        assertThat(config.onSuccess()).isEqualTo(ARN + "Collector:live");
        assertThat(config.onFailure()).isEqualTo(ARN + "Collector:{{overtime-version:CollectorVersion}}");
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void load_whenQualifierMissing_failsSayingWhatIsExpected() {
        TemplateException e = fixture.loadFails(template("", """
                Async:
                  Type: AWS::Lambda::EventInvokeConfig
                  Properties:
                    FunctionName: !Ref Hello
                """));

        fixture.assertProblem(e, 11, "Resources.Async.Properties.Qualifier",
                "required: expected $LATEST, an alias name, a version number, !Ref to an alias or a version, or "
                        + "!GetAtt Version.Version, found nothing");
    }

    @Test
    void load_whenSettingMisspelled_warnsItIsIgnored() {
        LoadedTemplate loaded = fixture.load(template("EventInvokeConfig: {MaximumRetryAttempt: 0}", ""));

        assertThat(loaded.eventInvokeConfigs().get("Hello").maximumRetryAttempts()).isNull();
        assertThat(loaded.warnings()).containsExactly(
                "Hello.EventInvokeConfig.MaximumRetryAttempt: not a property of EventInvokeConfig; ignored");
    }

    @Test
    void eventInvokeConfigs_keepTemplateOrderAndCannotBeChanged() {
        LoadedTemplate loaded = fixture.load(template("EventInvokeConfig: {MaximumRetryAttempts: 1}", """
                Zeta:
                  Type: AWS::Serverless::Function
                  Properties: {Runtime: java21, Handler: example.Zeta, CodeUri: hello.jar}
                ZetaAsync:
                  Type: AWS::Lambda::EventInvokeConfig
                  Properties: {FunctionName: Zeta, Qualifier: $LATEST}
                """ + COLLECTOR + """
                CollectorAsync:
                  Type: AWS::Lambda::EventInvokeConfig
                  Properties: {FunctionName: Collector, Qualifier: $LATEST}
                """));

        assertThat(loaded.eventInvokeConfigs().keySet()).containsExactly("Hello", "Zeta", "Collector");
        assertThat(loaded.eventInvokeConfigs()).isUnmodifiable();
    }
}
