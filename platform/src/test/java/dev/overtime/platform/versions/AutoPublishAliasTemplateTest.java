package dev.overtime.platform.versions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.TemplateContext;
import dev.overtime.platform.template.TemplateLoader;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A SAM template with AutoPublishAlias and ProvisionedConcurrencyConfig runs unchanged. */
class AutoPublishAliasTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALIAS_ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders:live";

    @TempDir
    Path dir;

    private void template() throws Exception {
        Files.writeString(dir.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Orders:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: orders
                      Runtime: provided.al2023
                      CodeUri: orders/
                      AutoPublishAlias: live
                      ProvisionedConcurrencyConfig:
                        ProvisionedConcurrentExecutions: 1
                      DeploymentPreference:
                        Type: Linear10PercentEvery1Minute
                  Caller:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: caller
                      Runtime: provided.al2023
                      CodeUri: orders/
                      Environment:
                        Variables:
                          ORDERS: !Ref Orders.Alias
                """);
    }

    /** The function's code: it answers with the code's release and the version that runs it. */
    private void code(String release) throws Exception {
        Path bootstrap = dir.resolve("orders/bootstrap");
        Files.createDirectories(bootstrap.getParent());
        Files.writeString(bootstrap, "#!/usr/bin/env bash\nset -u\nAPI=\"http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime\"\n"
                + TestFunctions.loop("""
                  curl -sS -X POST "$API/invocation/$ID/response" -d "{\\"release\\":\\"%s\\",\\"version\\":\\"$AWS_LAMBDA_FUNCTION_VERSION\\",\\"orders\\":\\"${ORDERS:-}\\"}" >/dev/null
                """.formatted(release)));
        Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Platform start(PrintStream console) throws Exception {
        Path file = dir.resolve("template.yaml");
        LoadedTemplate loaded = TemplateLoader.load(file, Map.of(), TemplateContext.defaultsFor(file));
        PlatformConfig config = new PlatformConfig("127.0.0.1", 0, EnvironmentSettings.defaults(dir.resolve("data"))
                .withEcho(false)).withConsole(console);
        return Platform.start(config, loaded.functions(), loaded.functionUrls(), loaded.eventInvokeConfigs(),
                loaded.versioning());
    }

    private static LambdaClient client(Platform platform) {
        return LambdaClient.builder().endpointOverride(platform.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    private static JsonNode call(LambdaClient lambda, String name, String qualifier) throws Exception {
        InvokeResponse response = lambda.invoke(b -> b.functionName(name).qualifier(qualifier));
        assertThat(response.functionError()).isNull();
        JsonNode answer = JSON.readTree(response.payload().asUtf8String());
        assertThat(response.executedVersion()).isEqualTo(answer.get("version").asText());
        return answer;
    }

    @Test
    void theAliasIsProvisioned_andEachQualifierRunsItsVersion_acrossDeployments() throws Exception {
        template();
        code("first");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (Platform platform = start(new PrintStream(printed, true, StandardCharsets.UTF_8));
             LambdaClient lambda = client(platform)) {
            DeployedFunction orders = platform.functions().find("orders").orElseThrow();
            Eventually.await("the provisioned environment of live is initialised", java.time.Duration.ofSeconds(15),
                    () -> orders.provisionedState("live").allocated() == 1);

            InvokeResponse first = lambda.invoke(b -> b.functionName("orders").qualifier("live").logType(LogType.TAIL));
            String log = new String(Base64.getDecoder().decode(first.logResult()), StandardCharsets.UTF_8);
            assertThat(log).contains("REPORT RequestId").doesNotContain("Init Duration");
            assertThat(first.executedVersion()).isEqualTo("1");

            assertThat(call(lambda, ALIAS_ARN, null).get("version").asText()).isEqualTo("1");
            assertThat(call(lambda, "orders", "1").get("release").asText()).isEqualTo("first");
            assertThat(call(lambda, "orders", "$LATEST").get("version").asText()).isEqualTo("$LATEST");
            assertThat(call(lambda, "caller", null).get("orders").asText()).isEqualTo(ALIAS_ARN);
            assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("orders").qualifier("staging")))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageContaining("Function not found: arn:aws:lambda:us-east-1:123456789012:function:orders:staging");
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Linear10PercentEvery1Minute");

        // A new deployment: the code changed, so version 2 is published and live moves to it.
        code("second");
        try (Platform platform = start(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
             LambdaClient lambda = client(platform)) {
            DeployedFunction orders = platform.functions().find("orders").orElseThrow();
            orders.update(new ConfigurationChange(null, null, null, null, null, Map.of("ORDERS", "changed"), null, null,
                    null), null);

            JsonNode live = call(lambda, "orders", "live");
            assertThat(live.get("version").asText()).isEqualTo("2");
            assertThat(live.get("release").asText()).isEqualTo("second");
            assertThat(live.get("orders").asText()).isEmpty();
            assertThat(call(lambda, "orders:1", null).get("release").asText()).isEqualTo("first");
            JsonNode latest = call(lambda, "orders", null);
            assertThat(latest.get("version").asText()).isEqualTo("$LATEST");
            assertThat(latest.get("orders").asText()).isEqualTo("changed");
            assertThat(orders.versions()).hasSize(2);
        }

        // The same code again: no new version.
        try (Platform platform = start(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            DeployedFunction orders = platform.functions().find("orders").orElseThrow();
            assertThat(orders.versions()).hasSize(2);
            assertThat(orders.alias("live").orElseThrow().primary().version()).isEqualTo("2");
        }
    }
}
