package dev.overtime.platform.async;

import dev.overtime.platform.testing.AwsErrorCodes;
import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.testfunctions.Greeter;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionEventInvokeConfig;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.PutFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionEventInvokeConfigResponse;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The EventInvokeConfig API through the AWS SDK v2: Put, Update, Get, List, Delete and AWS's validation errors. */
class EventInvokeConfigApiTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:";

    @TempDir
    Path dir;
    private PlatformHarness harness;
    private LambdaClient lambda;

    @BeforeEach
    void start() throws Exception {
        harness = PlatformHarness.start(dir, TestFunctions.java("greeter", Greeter.class),
                TestFunctions.java("audit", Greeter.class));
        lambda = harness.lambda();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void putReplacesUpdateMergesGetListAndDeleteSeeIt() {
        Instant before = Instant.now().minusSeconds(1);
        PutFunctionEventInvokeConfigResponse put = lambda.putFunctionEventInvokeConfig(r -> r.functionName("greeter")
                .maximumRetryAttempts(1).maximumEventAgeInSeconds(120)
                .destinationConfig(d -> d.onFailure(f -> f.destination(ARN + "audit"))));
        assertThat(put.functionArn()).isEqualTo(ARN + "greeter:$LATEST");
        assertThat(put.maximumRetryAttempts()).isEqualTo(1);
        assertThat(put.maximumEventAgeInSeconds()).isEqualTo(120);
        assertThat(put.destinationConfig().onFailure().destination()).isEqualTo(ARN + "audit");
        assertThat(put.lastModified()).isAfter(before);

        UpdateFunctionEventInvokeConfigResponse updated = lambda.updateFunctionEventInvokeConfig(r -> r
                .functionName("greeter").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onSuccess(s -> s.destination("http://127.0.0.1:9/hook"))));
        assertThat(updated.maximumRetryAttempts()).isZero();
        assertThat(updated.maximumEventAgeInSeconds()).isEqualTo(120);
        assertThat(updated.destinationConfig().onFailure().destination()).isEqualTo(ARN + "audit");
        assertThat(updated.destinationConfig().onSuccess().destination()).isEqualTo("http://127.0.0.1:9/hook");

        GetFunctionEventInvokeConfigResponse got = lambda.getFunctionEventInvokeConfig(r -> r.functionName(ARN + "greeter"));
        assertThat(got.maximumRetryAttempts()).isZero();
        assertThat(got.maximumEventAgeInSeconds()).isEqualTo(120);
        assertThat(lambda.listFunctionEventInvokeConfigs(r -> r.functionName("greeter")).functionEventInvokeConfigs())
                .extracting(FunctionEventInvokeConfig::maximumRetryAttempts).containsExactly(0);

        PutFunctionEventInvokeConfigResponse replaced = lambda.putFunctionEventInvokeConfig(r -> r.functionName("greeter")
                .maximumRetryAttempts(2));
        assertThat(replaced.maximumEventAgeInSeconds()).isNull();
        assertThat(replaced.destinationConfig().onFailure().destination()).isNull();
        assertThat(harness.platform().async().configs().of("greeter").maxAgeMillis()).isEqualTo(21_600_000L);

        lambda.deleteFunctionEventInvokeConfig(r -> r.functionName("greeter"));
        assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(r -> r.functionName("greeter")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("The function " + ARN + "greeter doesn't have an EventInvokeConfig");
        assertThat(lambda.listFunctionEventInvokeConfigs(r -> r.functionName("greeter")).functionEventInvokeConfigs())
                .isEmpty();
    }

    @Test
    void outOfRangeValuesAreRefusedWithAwsValidationMessages() {
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("greeter").maximumRetryAttempts(3)))
                .satisfies(AwsErrorCodes.code("ValidationException"))
                .hasMessageContaining("Value '3' at 'maximumRetryAttempts' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 2");
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("greeter")
                .maximumEventAgeInSeconds(59)))
                .satisfies(AwsErrorCodes.code("ValidationException"))
                .hasMessageContaining("Member must have value greater than or equal to 60");
        assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(r -> r.functionName("greeter")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void destinationsOvertimeCannotReachAreRefused() {
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("greeter")
                .destinationConfig(d -> d.onFailure(f -> f.destination("arn:aws:sqs:us-east-1:123456789012:dlq")))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("sqs destinations")
                .hasMessageContaining("not served");
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("greeter")
                .destinationConfig(d -> d.onSuccess(s -> s.destination(ARN + "missing")))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("nobody").maximumRetryAttempts(1)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aQualifiersConfigurationIsItsOwn_andListShowsEveryOneWithItsQualifiedArn() throws Exception {
        DeployedFunction greeter = harness.platform().functions().find("greeter").orElseThrow();
        greeter.publish(null, null, null);
        greeter.createAlias("live", "1", null, 0, null);
        DeployedFunction audit = harness.platform().functions().find("audit").orElseThrow();
        audit.publish(null, null, null);
        audit.createAlias("blue", "1", null, 0, null);

        PutFunctionEventInvokeConfigResponse live = lambda.putFunctionEventInvokeConfig(r -> r.functionName("greeter")
                .qualifier("live").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(ARN + "audit:blue"))));
        assertThat(live.functionArn()).isEqualTo(ARN + "greeter:live");
        assertThat(live.destinationConfig().onFailure().destination()).isEqualTo(ARN + "audit:blue");
        lambda.putFunctionEventInvokeConfig(r -> r.functionName("greeter").qualifier("$LATEST")
                .maximumRetryAttempts(1));
        lambda.putFunctionEventInvokeConfig(r -> r.functionName(ARN + "greeter:1").maximumEventAgeInSeconds(60));

        assertThat(lambda.getFunctionEventInvokeConfig(r -> r.functionName("greeter")).maximumRetryAttempts())
                .as("$LATEST's configuration is the unqualified one").isEqualTo(1);
        assertThat(lambda.getFunctionEventInvokeConfig(r -> r.functionName("greeter:live")).maximumRetryAttempts())
                .isZero();
        assertThat(lambda.listFunctionEventInvokeConfigs(r -> r.functionName("greeter")).functionEventInvokeConfigs())
                .extracting(FunctionEventInvokeConfig::functionArn)
                .containsExactly(ARN + "greeter:$LATEST", ARN + "greeter:1", ARN + "greeter:live");
        EventInvokeConfigs configs = harness.platform().async().configs();
        assertThat(configs.of("greeter", "live").retries()).isZero();
        assertThat(configs.of("greeter", "1").retries()).as("its own, with the default retries").isEqualTo(2);
        assertThat(configs.of("greeter", "$LATEST").retries()).isEqualTo(1);
        assertThat(configs.of("greeter", "2").retries()).as("no configuration of its own: the function's").isEqualTo(1);

        lambda.deleteFunctionEventInvokeConfig(r -> r.functionName("greeter").qualifier("live"));
        assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(r -> r.functionName("greeter").qualifier("live")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("The function " + ARN + "greeter:live doesn't have an EventInvokeConfig");
        assertThat(lambda.getFunctionEventInvokeConfig(r -> r.functionName("greeter")).maximumRetryAttempts())
                .isEqualTo(1);
        assertThat(configs.of("greeter", "live").retries()).isEqualTo(1);
    }

    @Test
    void aQualifierThatNamesNothingIsNotFound() throws Exception {
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("greeter")
                .qualifier("nope").maximumRetryAttempts(0)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Function not found: " + ARN + "greeter:nope");
        assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(r -> r.functionName("greeter").qualifier("7")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("greeter")
                .destinationConfig(d -> d.onFailure(f -> f.destination(ARN + "audit:nope")))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void aConfigurationSetThroughTheApiSurvivesARestart() throws Exception {
        lambda.putFunctionEventInvokeConfig(r -> r.functionName("audit").maximumRetryAttempts(1));
        harness.close();
        harness = PlatformHarness.start(dir, TestFunctions.java("greeter", Greeter.class),
                TestFunctions.java("audit", Greeter.class));
        lambda = harness.lambda();

        assertThat(lambda.getFunctionEventInvokeConfig(r -> r.functionName("audit")).maximumRetryAttempts()).isEqualTo(1);
    }
}
