package dev.overtime.platform.async;

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
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Value '3' at 'maximumRetryAttempts' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 2");
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName("greeter")
                .maximumEventAgeInSeconds(59)))
                .isInstanceOf(InvalidParameterValueException.class)
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
    void aConfigurationSetThroughTheApiSurvivesARestart() throws Exception {
        lambda.putFunctionEventInvokeConfig(r -> r.functionName("audit").maximumRetryAttempts(1));
        harness.close();
        harness = PlatformHarness.start(dir, TestFunctions.java("greeter", Greeter.class),
                TestFunctions.java("audit", Greeter.class));
        lambda = harness.lambda();

        assertThat(lambda.getFunctionEventInvokeConfig(r -> r.functionName("audit")).maximumRetryAttempts()).isEqualTo(1);
    }
}
