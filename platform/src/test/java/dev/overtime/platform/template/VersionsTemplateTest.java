package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.overtime.platform.function.FunctionUrlDefinition;
import dev.overtime.platform.versions.AliasDeclaration;
import dev.overtime.platform.versions.AliasDeclaration.WeightedVersion;
import dev.overtime.platform.versions.FunctionVersioning;
import dev.overtime.platform.versions.VersionDeclaration;
import dev.overtime.platform.versions.VersionReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Versions and aliases: SAM's AutoPublishAlias, AWS::Lambda::Version and AWS::Lambda::Alias, and references to them. */
class VersionsTemplateTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:";

    @TempDir
    Path dir;

    private TemplateFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new TemplateFixture(dir);
    }

    private static String sam(String helloProperties, String otherResources) {
        return TemplateFixture.samHello(helloProperties, otherResources);
    }

    /** Lambda function Hello and its versions V1 and V2 on lines 2-10, then {@code otherResources} from line 11. */
    private static String cfn(String otherResources) {
        return """
                Resources:
                  Hello:
                    Type: AWS::Lambda::Function
                    Properties: {Runtime: java21, Handler: example.Hello, Code: hello.jar}
                  V1:
                    Type: AWS::Lambda::Version
                    Properties: {FunctionName: !Ref Hello}
                  V2:
                    Type: AWS::Lambda::Version
                    Properties: {FunctionName: !Ref Hello}
                """ + otherResources.indent(2);
    }

    /** An alias Live of Hello on lines 11-16, its FunctionVersion on line 16, then {@code more} from line 17. */
    private static String aliasOfHello(String name, String functionVersion, String more) {
        return cfn("""
                Live:
                  Type: AWS::Lambda::Alias
                  Properties:
                    FunctionName: !Ref Hello
                    Name: %s
                    FunctionVersion: %s
                """.formatted(name, functionVersion) + more.indent(4));
    }

    // ---- SAM's AutoPublishAlias ----

    @Test
    void load_samAutoPublishAlias_declaresVersionAliasUrlReferencesAndAsyncSettings() {
        LoadedTemplate loaded = fixture.load("""
                Transform: AWS::Serverless-2016-10-31
                Parameters:
                  Warm: {Type: Number, Default: 2}
                  Shift: {Type: String, Default: Canary10Percent5Minutes}
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: hello-fn
                      Runtime: java21
                      Handler: example.Hello
                      CodeUri: hello.jar
                      AutoPublishAlias: live
                      VersionDescription: nightly
                      AutoPublishCodeSha256: abc123
                      AutoPublishAliasAllProperties: true
                      ProvisionedConcurrencyConfig: {ProvisionedConcurrentExecutions: !Ref Warm}
                      DeploymentPreference:
                        Type: !Ref Shift
                        Alarms: [!Ref ErrorsAlarm]
                      FunctionUrlConfig: {AuthType: NONE}
                  Caller:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: example.Caller
                      CodeUri: hello.jar
                      Environment:
                        Variables:
                          TARGET: !Ref Hello.Alias
                          TARGET_VERSION: !Ref Hello.Version
                          SUBSTITUTED: !Sub "${Hello.Alias}|${Hello.Version}"
                  ErrorsAlarm:
                    Type: AWS::CloudWatch::Alarm
                  HelloAsync:
                    Type: AWS::Lambda::EventInvokeConfig
                    Properties: {FunctionName: !Ref Hello, Qualifier: live, MaximumRetryAttempts: 0}
                """);

        FunctionVersioning hello = loaded.versioning("hello-fn");
        assertThat(hello.versions()).containsExactly(
                new VersionDeclaration("HelloVersion", "nightly", "abc123", true, null));
        assertThat(hello.aliases()).containsExactly(new AliasDeclaration("HelloAliaslive", "live",
                new VersionReference.Declared("HelloVersion"), List.of(), null, 2, "Canary10Percent5Minutes"));
        assertThat(loaded.functionUrls()).singleElement().satisfies(url -> {
            assertThat(url.functionName()).isEqualTo("hello-fn");
            assertThat(url.qualifier()).isEqualTo("live");
        });
        String version = ARN + "hello-fn:{{overtime-version:HelloVersion}}";
        assertThat(loaded.function("Caller").orElseThrow().environment()).containsOnly(
                Map.entry("TARGET", ARN + "hello-fn:live"),
                Map.entry("TARGET_VERSION", version),
                Map.entry("SUBSTITUTED", ARN + "hello-fn:live|" + version));
        assertThat(loaded.eventInvokeConfigs()).containsOnlyKeys("hello-fn:live");
        assertThat(loaded.versioning("Caller").versions()).isEmpty();
        assertThat(loaded.versioning("Caller").aliases()).isEmpty();
        assertThat(loaded.notYetServed()).isEmpty();
        assertThat(loaded.warnings()).containsExactly("ErrorsAlarm: AWS::CloudWatch::Alarm ignored");
    }

    @Test
    void load_samAutoPublishAliasAlone_publishesOnCodeChangesOnly() {
        LoadedTemplate loaded = fixture.load(sam("AutoPublishAlias: live", ""));

        assertThat(loaded.versioning("Hello").versions())
                .containsExactly(new VersionDeclaration("HelloVersion", null, null, false, null));
        assertThat(loaded.versioning("Hello").aliases()).singleElement().satisfies(alias -> {
            assertThat(alias.provisionedConcurrency()).isNull();
            assertThat(alias.deploymentPreference()).isNull();
        });
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void load_whenGlobalsSetAutoPublishAlias_everyFunctionGetsItUnlessItSetsItsOwn() {
        LoadedTemplate loaded = fixture.load("""
                Globals:
                  Function:
                    Runtime: java21
                    Handler: example.Hello
                    CodeUri: hello.jar
                    AutoPublishAlias: live
                    DeploymentPreference: {Type: AllAtOnce}
                Resources:
                  First:
                    Type: AWS::Serverless::Function
                  Second:
                    Type: AWS::Serverless::Function
                    Properties: {AutoPublishAlias: blue}
                """);

        assertThat(loaded.versioning("First").aliases()).containsExactly(new AliasDeclaration("FirstAliaslive", "live",
                new VersionReference.Declared("FirstVersion"), List.of(), null, null, "AllAtOnce"));
        assertThat(loaded.versioning("Second").aliases()).containsExactly(new AliasDeclaration("SecondAliasblue",
                "blue", new VersionReference.Declared("SecondVersion"), List.of(), null, null, "AllAtOnce"));
        assertThat(loaded.versioning("Second").versions()).extracting(VersionDeclaration::logicalId)
                .containsExactly("SecondVersion");
    }

    @Test
    void load_whenGlobalAliasNameInvalid_failsPointingAtGlobals() {
        TemplateException e = fixture.loadFails("""
                Globals:
                  Function:
                    AutoPublishAlias: '42'
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: example.Hello, CodeUri: hello.jar}
                """);

        fixture.assertProblem(e, 3, "Globals.Function.AutoPublishAlias",
                "expected an alias name of 1 to 128 letters, digits, hyphens or underscores, not only digits, "
                        + "found '42'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'123'", "'my alias'", "live!"})
    void load_whenAutoPublishAliasInvalid_failsNamingTheProperty(String alias) {
        TemplateException e = fixture.loadFails(sam("AutoPublishAlias: " + alias, ""));

        fixture.assertProblem(e, 9, "Resources.Hello.Properties.AutoPublishAlias",
                "expected an alias name of 1 to 128 letters, digits, hyphens or underscores, not only digits, "
                        + "found '" + alias.replace("'", "") + "'");
    }

    @Test
    void load_whenAutoPublishAliasLongerThan128_fails() {
        assertThat(fixture.loadFails(sam("AutoPublishAlias: " + "a".repeat(129), "")).propertyPath())
                .isEqualTo("Resources.Hello.Properties.AutoPublishAlias");
        assertThat(fixture.load(sam("AutoPublishAlias: " + "a".repeat(128), "")).versioning("Hello").aliases())
                .hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ProvisionedConcurrencyConfig: {ProvisionedConcurrentExecutions: 1}",
            "DeploymentPreference: {Type: AllAtOnce}"})
    void load_whenPropertyNeedsAutoPublishAliasWithoutIt_failsSayingSamRequiresIt(String property) {
        TemplateException e = fixture.loadFails(sam(property, ""));

        String name = property.substring(0, property.indexOf(':'));
        fixture.assertProblem(e, 9, "Resources.Hello.Properties." + name,
                "expected AutoPublishAlias, which SAM requires for " + name + ", found none");
    }

    @Test
    void load_whenVersionPropertiesSetWithoutAutoPublishAlias_warnsTheyAreIgnored() {
        LoadedTemplate loaded = fixture.load(sam("""
                AutoPublishAliasAllProperties: true
                AutoPublishCodeSha256: abc
                VersionDescription: nightly
                """, ""));

        assertThat(loaded.versioning("Hello").versions()).isEmpty();
        assertThat(loaded.warnings()).containsExactly(
                "Hello.AutoPublishAliasAllProperties: ignored without AutoPublishAlias",
                "Hello.AutoPublishCodeSha256: ignored without AutoPublishAlias",
                "Hello.VersionDescription: ignored without AutoPublishAlias");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "many"})
    void load_whenProvisionedConcurrencyNotPositive_failsNamingTheProperty(String executions) {
        TemplateException e = fixture.loadFails(sam("""
                AutoPublishAlias: live
                ProvisionedConcurrencyConfig:
                  ProvisionedConcurrentExecutions: %s
                """.formatted(executions), ""));

        fixture.assertProblem(e, 11,
                "Resources.Hello.Properties.ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions",
                "expected an integer of 1 or more, found '" + executions + "'");
    }

    @Test
    void load_whenAutoPublishAliasAllPropertiesNotABoolean_fails() {
        TemplateException e = fixture.loadFails(sam("""
                AutoPublishAlias: live
                AutoPublishAliasAllProperties: sometimes
                """, ""));

        fixture.assertProblem(e, 10, "Resources.Hello.Properties.AutoPublishAliasAllProperties",
                "expected true or false, found 'sometimes'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "!Ref Hello.Alias | Hello.Alias",
            "!Ref Hello.Version | Hello.Version",
            "!Sub 'x-${Hello.Alias}' | Hello.Alias"})
    void load_whenReferenceToGeneratedAliasWithoutAutoPublishAlias_failsSayingItIsRequired(String reference,
            String name) {
        TemplateException e = fixture.loadFails(sam("""
                Environment:
                  Variables:
                    TARGET: %s
                """.formatted(reference), ""));

        fixture.assertProblem(e, 11, "Resources.Hello.Properties.Environment.Variables.TARGET",
                "expected function 'Hello' to set AutoPublishAlias, which is required for " + name
                        + ", found no AutoPublishAlias");
    }

    @Test
    void load_whenAResourceHasTheGeneratedVersionId_failsNamingIt() {
        TemplateException e = fixture.loadFails(sam("AutoPublishAlias: live", """
                HelloVersion:
                  Type: AWS::Lambda::Version
                  Properties: {FunctionName: !Ref Hello}
                """));

        fixture.assertProblem(e, 10, "Resources.HelloVersion", "expected a logical id other than 'HelloVersion', "
                + "which is the id of the version AutoPublishAlias generates for Hello");
    }

    // ---- AWS::Lambda::Version and AWS::Lambda::Alias ----

    @Test
    void load_lambdaVersionsAndAliases_declaresThemWithWeightsAndQualifiedUrl() {
        LoadedTemplate loaded = fixture.load("""
                Resources:
                  Hello:
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: java21
                      Handler: example.Hello
                      Code: hello.jar
                      Timeout: 10
                  V1:
                    Type: AWS::Lambda::Version
                    Properties:
                      FunctionName: !Ref Hello
                      Description: first
                  V2:
                    Type: AWS::Lambda::Version
                    Properties:
                      FunctionName: !GetAtt Hello.Arn
                      CodeSha256: def456
                      ProvisionedConcurrencyConfig: {ProvisionedConcurrentExecutions: 3}
                  Live:
                    Type: AWS::Lambda::Alias
                    Properties:
                      FunctionName: !Ref Hello
                      Name: live
                      FunctionVersion: !GetAtt V1.Version
                      Description: production
                      RoutingConfig:
                        AdditionalVersionWeights:
                          - FunctionVersion: !GetAtt V2.Version
                            FunctionWeight: 0.25
                  Pinned:
                    Type: AWS::Lambda::Alias
                    Properties: {FunctionName: Hello, Name: pinned, FunctionVersion: '1'}
                  Edge:
                    Type: AWS::Lambda::Alias
                    Properties: {FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:Hello', Name: edge,
                                 FunctionVersion: $LATEST, ProvisionedConcurrencyConfig: {ProvisionedConcurrentExecutions: 5}}
                  Url:
                    Type: AWS::Lambda::Url
                    Properties: {AuthType: NONE, TargetFunctionArn: !GetAtt Hello.Arn, Qualifier: !Ref Live}
                """);

        FunctionVersioning hello = loaded.versioning("Hello");
        assertThat(hello.versions()).containsExactly(
                new VersionDeclaration("V1", "first", null, true, null),
                new VersionDeclaration("V2", null, "def456", true, 3));
        assertThat(hello.aliases()).containsExactly(
                new AliasDeclaration("Live", "live", new VersionReference.Declared("V1"),
                        List.of(new WeightedVersion(new VersionReference.Declared("V2"), 0.25)), "production", null,
                        null),
                new AliasDeclaration("Pinned", "pinned", new VersionReference.Numbered("1"), List.of(), null, null,
                        null),
                new AliasDeclaration("Edge", "edge", new VersionReference.Latest(), List.of(), null, 5, null));
        assertThat(hello.templateProperties()).containsExactlyInAnyOrder("Code", "Runtime", "Handler", "Timeout");
        assertThat(loaded.functionUrls()).singleElement()
                .extracting(FunctionUrlDefinition::qualifier).isEqualTo("live");
        assertThat(loaded.notYetServed()).isEmpty();
        assertThat(loaded.warnings()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "!GetAtt V2.Version",
            "!GetAtt [V2, Version]",
            "!Ref V2",
            "!Sub '${V2.Version}'",
            "{'Fn::GetAtt': 'V2.Version'}"})
    void load_whenFunctionVersionNamesADeclaredVersion_refersToIt(String functionVersion) {
        LoadedTemplate loaded = fixture.load(aliasOfHello("live", functionVersion, ""));

        assertThat(loaded.versioning("Hello").aliases()).singleElement()
                .extracting(AliasDeclaration::version).isEqualTo(new VersionReference.Declared("V2"));
    }

    @Test
    void load_whenAliasResourcePointsAtSamVersion_refersToTheGeneratedVersion() {
        LoadedTemplate loaded = fixture.load(sam("AutoPublishAlias: live", """
                Blue:
                  Type: AWS::Lambda::Alias
                  Properties: {FunctionName: !Ref Hello, Name: blue, FunctionVersion: !Ref Hello.Version}
                """));

        assertThat(loaded.versioning("Hello").aliases()).extracting(AliasDeclaration::name, AliasDeclaration::version)
                .containsExactly(tuple("live", new VersionReference.Declared("HelloVersion")),
                        tuple("blue", new VersionReference.Declared("HelloVersion")));
    }

    @Test
    void load_referencesToVersionsAndAliases_resolveToTheirArnsAndTokens() {
        LoadedTemplate loaded = fixture.load(aliasOfHello("live", "!GetAtt V1.Version", "") + """
                  Caller:
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: java21
                      Handler: example.Caller
                      Code: hello.jar
                      Environment:
                        Variables:
                          ALIAS: !Ref Live
                          VERSION_ARN: !Ref V1
                          VERSION: !GetAtt V1.Version
                          SUBSTITUTED: !Sub '${Live} ${V2} ${V2.Version}'
                """);

        assertThat(loaded.function("Caller").orElseThrow().environment()).containsOnly(
                Map.entry("ALIAS", ARN + "Hello:live"),
                Map.entry("VERSION_ARN", ARN + "Hello:{{overtime-version:V1}}"),
                Map.entry("VERSION", "{{overtime-version:V1}}"),
                Map.entry("SUBSTITUTED", ARN + "Hello:live " + ARN + "Hello:{{overtime-version:V2}} "
                        + "{{overtime-version:V2}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"'123'", "'two words'", "'$LATEST'"})
    void load_whenAliasNameInvalid_failsNamingTheProperty(String name) {
        TemplateException e = fixture.loadFails(aliasOfHello(name, "!GetAtt V1.Version", ""));

        fixture.assertProblem(e, 15, "Resources.Live.Properties.Name",
                "expected an alias name of 1 to 128 letters, digits, hyphens or underscores, not only digits, "
                        + "found '" + name.replace("'", "") + "'");
    }

    @Test
    void load_whenTwoAdditionalVersionWeights_failsSayingOneIsTheLimit() {
        TemplateException e = fixture.loadFails(aliasOfHello("live", "!GetAtt V1.Version", """
                RoutingConfig:
                  AdditionalVersionWeights:
                    - {FunctionVersion: !GetAtt V2.Version, FunctionWeight: 0.1}
                    - {FunctionVersion: '1', FunctionWeight: 0.1}
                """));

        fixture.assertProblem(e, 18, "Resources.Live.Properties.RoutingConfig.AdditionalVersionWeights",
                "expected at most one additional version (Lambda's limit), found 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "-0.1", "half"})
    void load_whenWeightOutOfRange_failsNamingIt(String weight) {
        TemplateException e = fixture.loadFails(aliasOfHello("live", "!GetAtt V1.Version", """
                RoutingConfig:
                  AdditionalVersionWeights:
                    - FunctionVersion: !GetAtt V2.Version
                      FunctionWeight: %s
                """.formatted(weight)));

        fixture.assertProblem(e, 20,
                "Resources.Live.Properties.RoutingConfig.AdditionalVersionWeights[0].FunctionWeight",
                "expected a weight from 0.0 to 1.0, found '" + weight + "'");
    }

    @Test
    void load_whenAdditionalVersionIsTheAliasVersion_fails() {
        TemplateException e = fixture.loadFails(aliasOfHello("live", "!GetAtt V1.Version", """
                RoutingConfig:
                  AdditionalVersionWeights:
                    - {FunctionVersion: !Ref V1, FunctionWeight: 0.5}
                """));

        fixture.assertProblem(e, 19,
                "Resources.Live.Properties.RoutingConfig.AdditionalVersionWeights[0].FunctionVersion",
                "expected a version other than the alias's FunctionVersion, found the same version");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "!GetAtt Nope.Version | expected the logical id of a function or a version, found 'Nope', which the "
                    + "template does not declare",
            "!Ref Nope | expected the name of a parameter, resource or pseudo parameter, found 'Nope', which the "
                    + "template does not declare",
            "!Ref Hello | expected $LATEST, a version number, !GetAtt Version.Version, !Ref Version or "
                    + "!Ref Function.Version, found 'Hello'",
            "latest | expected $LATEST, a version number, !GetAtt Version.Version, !Ref Version or "
                    + "!Ref Function.Version, found 'latest'",
            "!GetAtt V1.FunctionArn | expected the Version attribute of version 'V1', found 'FunctionArn'"})
    void load_whenFunctionVersionNamesNoVersion_failsNamingIt(String functionVersion, String message) {
        TemplateException e = fixture.loadFails(aliasOfHello("live", functionVersion, ""));

        fixture.assertProblem(e, 16, "Resources.Live.Properties.FunctionVersion", message);
    }

    @Test
    void load_whenFunctionVersionBelongsToAnotherFunction_failsNamingBoth() {
        TemplateException e = fixture.loadFails(aliasOfHello("live", "!GetAtt OtherVersion.Version", "") + """
                  Other:
                    Type: AWS::Lambda::Function
                    Properties: {Runtime: java21, Handler: example.Other, Code: hello.jar}
                  OtherVersion:
                    Type: AWS::Lambda::Version
                    Properties: {FunctionName: !Ref Other}
                """);

        fixture.assertProblem(e, 16, "Resources.Live.Properties.FunctionVersion",
                "expected a version of function 'Hello', found version 'OtherVersion' of function 'Other'");
    }

    @Test
    void load_whenFunctionVersionMissing_failsSayingWhatIsExpected() {
        TemplateException e = fixture.loadFails(cfn("""
                Live:
                  Type: AWS::Lambda::Alias
                  Properties: {FunctionName: !Ref Hello, Name: live}
                """));

        fixture.assertProblem(e, 13, "Resources.Live.Properties.FunctionVersion", "required: expected $LATEST");
    }

    @Test
    void load_whenVersionNamesAFunctionTheTemplateLacks_failsNamingIt() {
        TemplateException e = fixture.loadFails(cfn("""
                V3:
                  Type: AWS::Lambda::Version
                  Properties: {FunctionName: elsewhere}
                """));

        fixture.assertProblem(e, 13, "Resources.V3.Properties.FunctionName",
                "expected the name, !Ref or ARN of a function the template defines, found 'elsewhere', which the "
                        + "template does not define");
    }

    @Test
    void load_whenVersionFunctionNameRefersToItself_failsNamingTheCycle() {
        TemplateException e = fixture.loadFails(cfn("""
                V3:
                  Type: AWS::Lambda::Version
                  Properties: {FunctionName: !Ref V3}
                """));

        fixture.assertProblem(e, 13, "Resources.V3.Properties.FunctionName",
                "expected a FunctionName that does not depend on itself, found the cycle V3 -> V3");
    }

    @Test
    void load_whenTwoAliasesOfAFunctionShareAName_failsNamingTheFirst() {
        TemplateException e = fixture.loadFails(sam("AutoPublishAlias: live", """
                Live:
                  Type: AWS::Lambda::Alias
                  Properties: {FunctionName: !Ref Hello, Name: live, FunctionVersion: $LATEST}
                """));

        fixture.assertProblem(e, 12, "Resources.Live.Properties.Name", "expected an alias name no other alias of "
                + "function 'Hello' has, found 'live', already declared by HelloAliaslive (line 9)");
    }

    @Test
    void load_whenVersionOrAliasHasUnknownProperty_warnsItIsIgnored() {
        LoadedTemplate loaded = fixture.load(cfn("""
                V3:
                  Type: AWS::Lambda::Version
                  Condition: IsProd
                  Properties: {FunctionName: !Ref Hello, Runtime: java21}
                """));

        assertThat(loaded.versioning("Hello").versions()).extracting(VersionDeclaration::logicalId)
                .containsExactly("V1", "V2", "V3");
        assertThat(loaded.warnings()).containsExactly(
                "V3.Condition: not evaluated; the version is published",
                "V3.Runtime: not a property of AWS::Lambda::Version; ignored");
    }

    // ---- Function URLs on an alias or a version ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "TargetFunctionArn: !Ref Hello.Alias | live",
            "TargetFunctionArn: !Ref Hello, Qualifier: live | live",
            "TargetFunctionArn: !Ref Hello, Qualifier: !Ref Hello.Alias | live",
            "TargetFunctionArn: !Ref Hello, Qualifier: !GetAtt Pinned.Version | {{overtime-version:Pinned}}",
            "TargetFunctionArn: !Ref Pinned | {{overtime-version:Pinned}}",
            "TargetFunctionArn: !Ref Hello, Qualifier: $LATEST | ",
            "TargetFunctionArn: !GetAtt Hello.Arn | "})
    void load_urlResource_invokesTheQualifierItNames(String target, String qualifier) {
        LoadedTemplate loaded = fixture.load(sam("AutoPublishAlias: live", """
                Pinned:
                  Type: AWS::Lambda::Version
                  Properties: {FunctionName: !Ref Hello}
                Url:
                  Type: AWS::Lambda::Url
                  Properties: {AuthType: NONE, %s}
                """.formatted(target)));

        assertThat(loaded.functionUrls()).singleElement().satisfies(url -> {
            assertThat(url.functionName()).isEqualTo("Hello");
            assertThat(url.qualifier()).isEqualTo(qualifier);
        });
    }

    @Test
    void load_whenUrlQualifierDiffersFromTheTargetArn_failsNamingBoth() {
        TemplateException e = fixture.loadFails(sam("AutoPublishAlias: live", """
                Url:
                  Type: AWS::Lambda::Url
                  Properties:
                    AuthType: NONE
                    TargetFunctionArn: !Ref Hello.Alias
                    Qualifier: blue
                """));

        fixture.assertProblem(e, 15, "Resources.Url.Properties.Qualifier",
                "expected the qualifier TargetFunctionArn names ('live'), found 'blue'");
    }

    @Test
    void load_samUrlWithoutAutoPublishAlias_invokesLatest() {
        LoadedTemplate loaded = fixture.load(sam("FunctionUrlConfig: {AuthType: NONE}", ""));

        assertThat(loaded.functionUrls()).singleElement().extracting(FunctionUrlDefinition::qualifier).isNull();
    }

    // ---- templateProperties and the versioning map ----

    @Test
    void templateProperties_whenOnlyCodeHandlerAndRuntimeSet_holdThoseThree() {
        LoadedTemplate loaded = fixture.load(sam("", ""));

        assertThat(loaded.versioning("Hello").templateProperties())
                .containsExactlyInAnyOrder("Code", "Handler", "Runtime");
    }

    @Test
    void templateProperties_includeWhatGlobalsSetButNotWhatIsLeftOut() {
        LoadedTemplate loaded = fixture.load("""
                Globals:
                  Function:
                    Timeout: 30
                Resources:
                  Hello:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: example.Hello
                      CodeUri: hello.jar
                      MemorySize: !Ref AWS::NoValue
                """);

        assertThat(loaded.versioning("Hello").templateProperties())
                .containsExactlyInAnyOrder("Code", "Handler", "Runtime", "Timeout");
    }

    @Test
    void templateProperties_ofALambdaFunctionSettingEverything_holdAll() {
        LoadedTemplate loaded = fixture.load("""
                Resources:
                  Hello:
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: java21
                      Handler: example.Hello
                      Code: hello.jar
                      Timeout: 10
                      MemorySize: 256
                      Environment: {Variables: {GREETING: hi}}
                      Description: hello
                      Layers: []
                """);

        assertThat(loaded.versioning("Hello").templateProperties()).containsExactlyInAnyOrder("Runtime", "Handler",
                "Code", "Timeout", "MemorySize", "Environment", "Description", "Layers");
    }

    @Test
    void versioning_hasAnEntryForEveryFunctionByNameAndNoneForOthers() {
        LoadedTemplate loaded = fixture.load(sam("FunctionName: hello-fn", """
                Other:
                  Type: AWS::Serverless::Function
                  Properties: {Runtime: java21, Handler: example.Other, CodeUri: hello.jar}
                """));

        assertThat(loaded.versioning().keySet()).containsExactly("hello-fn", "Other");
        assertThat(loaded.versioning()).isUnmodifiable();
        assertThat(loaded.versioning("Hello")).isSameAs(FunctionVersioning.NONE);
    }
}
