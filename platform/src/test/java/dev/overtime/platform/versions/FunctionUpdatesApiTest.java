package dev.overtime.platform.versions;

import dev.overtime.platform.testing.AwsErrorCodes;
import com.fasterxml.jackson.databind.JsonNode;
import dev.overtime.platform.testing.PlatformHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** UpdateFunctionCode and UpdateFunctionConfiguration through the SDK: $LATEST changes, published versions do not. */
class FunctionUpdatesApiTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:";

    @TempDir
    static Path dir;
    static PlatformHarness harness;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        harness = PlatformHarness.start(dir.resolve("data"),
                Reporters.reporter(dir, "coded", "one", Map.of()),
                Reporters.reporter(dir, "local", "one", Map.of()),
                Reporters.reporter(dir, "configured", "one", Map.of("COLOR", "blue")),
                Reporters.reporter(dir, "checked", "one", Map.of()),
                Reporters.reporter(dir, "published", "one", Map.of()));
        lambda = harness.lambda();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static JsonNode run(String function, String qualifier) {
        return Reporters.answer(Reporters.invoke(lambda, function, qualifier));
    }

    @Test
    void updateFunctionCode_withZipFile_latestRunsTheNewCode_whileAVersionPublishedBeforeRunsTheOld() {
        assertThat(run("coded", null).get("code").asText()).isEqualTo("one");
        String one = lambda.publishVersion(r -> r.functionName("coded")).version();

        UpdateFunctionCodeResponse updated = lambda.updateFunctionCode(r -> r.functionName("coded")
                .zipFile(SdkBytes.fromByteArray(Reporters.zip(dir, "two"))));

        assertThat(updated.version()).isEqualTo("$LATEST");
        assertThat(updated.functionArn()).isEqualTo(ARN + "coded");
        assertThat(updated.lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
        InvokeResponse latest = Reporters.invoke(lambda, "coded", null);
        assertThat(latest.executedVersion()).isEqualTo("$LATEST");
        assertThat(Reporters.answer(latest).get("code").asText()).isEqualTo("two");
        assertThat(Reporters.answer(latest).get("version").asText()).isEqualTo("$LATEST");
        InvokeResponse old = Reporters.invoke(lambda, "coded", one);
        assertThat(old.executedVersion()).isEqualTo(one);
        assertThat(Reporters.answer(old).get("code").asText()).isEqualTo("one");
        assertThat(Reporters.answer(old).get("version").asText()).isEqualTo(one);
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("coded")).lastUpdateStatus())
                .isEqualTo(LastUpdateStatus.SUCCESSFUL);
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("coded")).codeSha256())
                .isEqualTo(updated.codeSha256())
                .isNotEqualTo(lambda.getFunctionConfiguration(r -> r.functionName("coded").qualifier(one)).codeSha256());
    }

    @Test
    void updateFunctionCode_fromALocalFolder_throughTheOvertimeLocalBucket() {
        Path two = Reporters.folder(dir.resolve("local-two"), "two");

        lambda.updateFunctionCode(r -> r.functionName("local").s3Bucket("overtime-local").s3Key(two.toString()));

        assertThat(run("local", null).get("code").asText()).isEqualTo("two");
    }

    @Test
    void updateFunctionCode_withPublish_answersTheNewVersion() {
        UpdateFunctionCodeResponse published = lambda.updateFunctionCode(r -> r.functionName("published")
                .zipFile(SdkBytes.fromByteArray(Reporters.zip(dir, "three"))).publish(true));

        assertThat(published.version()).isEqualTo("1");
        assertThat(published.functionArn()).isEqualTo(ARN + "published:1");
        assertThat(run("published", "1").get("code").asText()).isEqualTo("three");
    }

    @Test
    void updateFunctionCode_refusesWhatItCannotServe() {
        assertThatThrownBy(() -> lambda.updateFunctionCode(r -> r.functionName("checked")
                .zipFile(SdkBytes.fromString("not a zip", StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Could not unzip uploaded file");
        assertThatThrownBy(() -> lambda.updateFunctionCode(r -> r.functionName("checked")
                .s3Bucket("my-bucket").s3Key("code.zip")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("overtime-local");
        assertThatThrownBy(() -> lambda.updateFunctionCode(r -> r.functionName("checked")
                .s3Bucket("overtime-local").s3Key(dir.resolve("missing").toString())))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> lambda.updateFunctionCode(r -> r.functionName("checked")
                .zipFile(SdkBytes.fromByteArray(Reporters.zip(dir, "x"))).revisionId("stale")))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("checked")).lastUpdateStatus())
                .isEqualTo(LastUpdateStatus.SUCCESSFUL);
    }

    @Test
    void updateFunctionConfiguration_aVersionPublishedAfterSeesTheNewValue_theOldVersionTheOld() {
        String blue = lambda.publishVersion(r -> r.functionName("configured")).version();

        UpdateFunctionConfigurationResponse updated = lambda.updateFunctionConfiguration(r -> r
                .functionName("configured").environment(e -> e.variables(Map.of("COLOR", "green"))).timeout(20)
                .memorySize(256).description("greener"));

        assertThat(updated.lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
        assertThat(updated.environment().variables()).containsExactly(Map.entry("COLOR", "green"));
        assertThat(updated.timeout()).isEqualTo(20);
        assertThat(updated.memorySize()).isEqualTo(256);
        assertThat(updated.description()).isEqualTo("greener");
        var read = lambda.getFunctionConfiguration(r -> r.functionName("configured"));
        assertThat(read.lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
        assertThat(read.revisionId()).isEqualTo(updated.revisionId());

        String green = lambda.publishVersion(r -> r.functionName("configured")).version();
        assertThat(green).isNotEqualTo(blue);
        InvokeResponse newer = Reporters.invoke(lambda, "configured", green);
        assertThat(newer.executedVersion()).isEqualTo(green);
        assertThat(Reporters.answer(newer).get("color").asText()).isEqualTo("green");
        assertThat(Reporters.answer(newer).get("version").asText()).isEqualTo(green);
        InvokeResponse older = Reporters.invoke(lambda, "configured", blue);
        assertThat(older.executedVersion()).isEqualTo(blue);
        assertThat(Reporters.answer(older).get("color").asText()).isEqualTo("blue");
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("configured").qualifier(blue)).timeout())
                .isEqualTo(10);
    }

    @Test
    void updateFunctionConfiguration_validatesAsAws() {
        String code = lambda.getFunctionConfiguration(r -> r.functionName("checked")).codeSha256();
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("checked").timeout(0)))
                .satisfies(AwsErrorCodes.code("ValidationException")).hasMessageContaining("'timeout'");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("checked").timeout(901)))
                .satisfies(AwsErrorCodes.code("ValidationException")).hasMessageContaining("900");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("checked").memorySize(64)))
                .satisfies(AwsErrorCodes.code("ValidationException")).hasMessageContaining("'memorySize'");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("checked")
                .memorySize(10_241)))
                .satisfies(AwsErrorCodes.code("ValidationException")).hasMessageContaining("10240");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("checked")
                .runtime("cobol85")))
                .satisfies(AwsErrorCodes.code("ValidationException")).hasMessageContaining("'runtime'");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("checked")
                .vpcConfig(v -> v.subnetIds("subnet-1"))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("Overtime does not serve VpcConfig");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("checked")
                .layers("arn:aws:lambda:us-east-1:123456789012:layer:x:1")))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("Layers");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("checked")
                .environment(e -> e.variables(Map.of("AWS_REGION", "eu-west-1")))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("reserved keys");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("checked")
                .environment(e -> e.variables(Map.of("BIG", "x".repeat(4100))))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("4KB");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("checked")
                .environment(e -> e.variables(Map.of("1BAD", "x")))))
                .satisfies(AwsErrorCodes.code("ValidationException")).hasMessageContaining("environment.variables");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("checked").timeout(5)
                .revisionId("stale")))
                .isInstanceOf(PreconditionFailedException.class);

        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("checked:1").timeout(5)))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("without a version or alias");
        assertThatThrownBy(() -> lambda.updateFunctionCode(r -> r.functionName(ARN + "checked:live")
                .zipFile(SdkBytes.fromByteArray(Reporters.zip(dir, "x")))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("without a version or alias");

        var unchanged = lambda.getFunctionConfiguration(r -> r.functionName("checked"));
        assertThat(unchanged.timeout()).isEqualTo(10);
        assertThat(unchanged.codeSha256()).isEqualTo(code);
        assertThat(unchanged.lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
    }
}
