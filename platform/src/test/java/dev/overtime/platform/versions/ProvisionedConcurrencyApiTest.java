package dev.overtime.platform.versions;

import dev.overtime.platform.testing.AwsErrorCodes;
import dev.overtime.platform.environment.EnvironmentPool;
import dev.overtime.platform.environment.EnvironmentState;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigListItem;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.PutProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Put, Get, List and DeleteProvisionedConcurrencyConfig through the SDK, and what they start. */
class ProvisionedConcurrencyApiTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:";

    @TempDir
    static Path dir;
    static PlatformHarness harness;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        harness = PlatformHarness.start(dir.resolve("data"),
                Reporters.reporter(dir, "warm", "one", Map.of()),
                Reporters.reporter(dir, "refused", "one", Map.of()),
                TestFunctions.bootstrap(dir, "broken", "echo 'no runtime loop here' >&2\nexit 3\n",
                        Duration.ofSeconds(5), null));
        lambda = harness.lambda();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static List<EnvironmentPool.EnvironmentView> environments(String function) {
        return harness.platform().functions().find(function).orElseThrow().pools().stream()
                .flatMap(pool -> pool.describe().stream()).toList();
    }

    private static GetProvisionedConcurrencyConfigResponse awaitReady(String function, String qualifier)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            GetProvisionedConcurrencyConfigResponse got = lambda.getProvisionedConcurrencyConfig(r -> r
                    .functionName(function).qualifier(qualifier));
            assertThat(got.status()).isNotEqualTo(ProvisionedConcurrencyStatusEnum.FAILED);
            if (got.status() == ProvisionedConcurrencyStatusEnum.READY) {
                return got;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("provisioned concurrency of " + function + ":" + qualifier
                        + " not READY after 60 s: " + got);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void putOnAnAlias_startsTheEnvironmentsBeforeAnyInvoke_andTheFirstInvokeReportsNoInit() throws Exception {
        String one = lambda.publishVersion(r -> r.functionName("warm")).version();
        lambda.createAlias(r -> r.functionName("warm").name("live").functionVersion(one));

        PutProvisionedConcurrencyConfigResponse put = lambda.putProvisionedConcurrencyConfig(r -> r
                .functionName("warm").qualifier("live").provisionedConcurrentExecutions(2));

        assertThat(put.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(put.requestedProvisionedConcurrentExecutions()).isEqualTo(2);
        assertThat(put.status()).isIn(ProvisionedConcurrencyStatusEnum.IN_PROGRESS,
                ProvisionedConcurrencyStatusEnum.READY);
        assertThat(put.lastModified()).isNotBlank();

        GetProvisionedConcurrencyConfigResponse ready = awaitReady("warm", "live");
        assertThat(ready.requestedProvisionedConcurrentExecutions()).isEqualTo(2);
        assertThat(ready.allocatedProvisionedConcurrentExecutions()).isEqualTo(2);
        assertThat(ready.availableProvisionedConcurrentExecutions()).isEqualTo(2);
        assertThat(environments("warm")).hasSize(2)
                .allSatisfy(env -> assertThat(env.state()).isNotEqualTo(EnvironmentState.STARTING));

        InvokeResponse first = lambda.invoke(r -> r.functionName("warm").qualifier("live").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{}")));
        String log = new String(Base64.getDecoder().decode(first.logResult()), StandardCharsets.UTF_8);
        assertThat(log).contains("REPORT RequestId").doesNotContain("Init Duration");
        assertThat(first.executedVersion()).isEqualTo(one);
        assertThat(environments("warm")).hasSize(2);

        assertThat(lambda.listProvisionedConcurrencyConfigs(r -> r.functionName("warm")).provisionedConcurrencyConfigs())
                .singleElement()
                .satisfies(item -> {
                    assertThat(item.functionArn()).isEqualTo(ARN + "warm:live");
                    assertThat(item.requestedProvisionedConcurrentExecutions()).isEqualTo(2);
                    assertThat(item.status()).isEqualTo(ProvisionedConcurrencyStatusEnum.READY);
                });

        lambda.deleteProvisionedConcurrencyConfig(r -> r.functionName("warm").qualifier("live"));
        assertThatThrownBy(() -> lambda.getProvisionedConcurrencyConfig(r -> r.functionName("warm").qualifier("live")))
                .isInstanceOf(ProvisionedConcurrencyConfigNotFoundException.class)
                .satisfies(e -> assertThat(((ProvisionedConcurrencyConfigNotFoundException) e).statusCode())
                        .isEqualTo(404));
        assertThat(lambda.listProvisionedConcurrencyConfigs(r -> r.functionName("warm")).provisionedConcurrencyConfigs())
                .extracting(ProvisionedConcurrencyConfigListItem::functionArn).isEmpty();
    }

    @Test
    void get_reportsFailed_withTheReason_whenTheEnvironmentCannotInitialise() throws Exception {
        String one = lambda.publishVersion(r -> r.functionName("broken")).version();
        lambda.putProvisionedConcurrencyConfig(r -> r.functionName("broken").qualifier(one)
                .provisionedConcurrentExecutions(1));

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        GetProvisionedConcurrencyConfigResponse got;
        do {
            got = lambda.getProvisionedConcurrencyConfig(r -> r.functionName("broken").qualifier(one));
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not FAILED after 60 s: " + got);
            }
            Thread.sleep(20);
        } while (got.status() != ProvisionedConcurrencyStatusEnum.FAILED);

        assertThat(got.statusReason()).contains("failed to initialise");
        assertThat(got.allocatedProvisionedConcurrentExecutions()).isZero();
    }

    @Test
    void put_refusesWhatAwsRefuses() {
        String one = lambda.publishVersion(r -> r.functionName("refused")).version();

        assertThatThrownBy(() -> lambda.putProvisionedConcurrencyConfig(r -> r.functionName("refused")
                .provisionedConcurrentExecutions(1)))
                .satisfies(AwsErrorCodes.code("ValidationException")).hasMessageContaining("'qualifier'");
        assertThatThrownBy(() -> lambda.putProvisionedConcurrencyConfig(r -> r.functionName("refused")
                .qualifier(one).provisionedConcurrentExecutions(0)))
                .satisfies(AwsErrorCodes.code("ValidationException"))
                .hasMessageContaining("'provisionedConcurrentExecutions'");
        assertThatThrownBy(() -> lambda.putProvisionedConcurrencyConfig(r -> r.functionName("refused")
                .qualifier("$LATEST").provisionedConcurrentExecutions(1)))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.putProvisionedConcurrencyConfig(r -> r.functionName("refused")
                .qualifier("nope").provisionedConcurrentExecutions(1)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.getProvisionedConcurrencyConfig(r -> r.functionName("refused").qualifier(one)))
                .isInstanceOf(ProvisionedConcurrencyConfigNotFoundException.class);
        assertThatThrownBy(() -> lambda.deleteProvisionedConcurrencyConfig(r -> r.functionName("refused")
                .qualifier(one)))
                .isInstanceOf(ProvisionedConcurrencyConfigNotFoundException.class);
        assertThat(environments("refused")).isEmpty();
    }
}
