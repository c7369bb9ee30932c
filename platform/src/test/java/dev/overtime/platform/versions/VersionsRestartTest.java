package dev.overtime.platform.versions;

import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigListItem;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the API changes is kept in the data folder: another platform on it finds it all, unless the template says otherwise. */
class VersionsRestartTest {

    @TempDir
    Path dir;

    /** A platform on {@code data} serving {@code function}, whose template sets {@code templateProperties}. */
    private record Served(Platform platform, LambdaClient lambda) implements AutoCloseable {

        static Served start(Path data, FunctionDefinition function, Set<String> templateProperties) throws Exception {
            Platform platform = Platform.start(new PlatformConfig("127.0.0.1", 0,
                            EnvironmentSettings.defaults(data).withEcho(false)), List.of(function), List.of(),
                    Map.of(), Map.of(function.name(), new FunctionVersioning(List.of(), List.of(), templateProperties)));
            LambdaClient lambda = LambdaClient.builder()
                    .endpointOverride(platform.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("o", "o")))
                    .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                    .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .build();
            return new Served(platform, lambda);
        }

        @Override
        public void close() {
            lambda.close();
            platform.close();
        }
    }

    @Test
    void versionsAliasesProvisioningAndApiChanges_surviveARestart_butTheTemplatesOwnPropertiesWin() throws Exception {
        Path data = dir.resolve("data");
        FunctionDefinition keeper = Reporters.reporter(dir, "keeper", "one", Map.of());
        String one;
        try (Served first = Served.start(data, keeper, Set.of())) {
            one = first.lambda().publishVersion(r -> r.functionName("keeper").description("kept")).version();
            first.lambda().createAlias(r -> r.functionName("keeper").name("live").functionVersion(one));
            first.lambda().putProvisionedConcurrencyConfig(r -> r.functionName("keeper").qualifier("live")
                    .provisionedConcurrentExecutions(1));
            first.lambda().updateFunctionConfiguration(r -> r.functionName("keeper").timeout(30));
        }

        try (Served second = Served.start(data, keeper, Set.of())) {
            LambdaClient lambda = second.lambda();
            assertThat(lambda.getFunctionConfiguration(r -> r.functionName("keeper")).timeout()).isEqualTo(30);
            assertThat(lambda.listVersionsByFunction(r -> r.functionName("keeper")).versions())
                    .extracting(FunctionConfiguration::version, FunctionConfiguration::description,
                            FunctionConfiguration::timeout)
                    .containsExactly(Tuple.tuple("$LATEST", "", 30),
                            Tuple.tuple(one, "kept", 10));
            assertThat(lambda.listAliases(r -> r.functionName("keeper")).aliases())
                    .extracting(AliasConfiguration::name, AliasConfiguration::functionVersion)
                    .containsExactly(Tuple.tuple("live", one));
            assertThat(lambda.listProvisionedConcurrencyConfigs(r -> r.functionName("keeper"))
                    .provisionedConcurrencyConfigs())
                    .extracting(ProvisionedConcurrencyConfigListItem::functionArn,
                            ProvisionedConcurrencyConfigListItem::requestedProvisionedConcurrentExecutions)
                    .containsExactly(Tuple.tuple(
                            "arn:aws:lambda:us-east-1:123456789012:function:keeper:live", 1));
            assertThat(Reporters.answer(Reporters.invoke(lambda, "keeper", "live")).get("version").asText())
                    .isEqualTo(one);
        }

        try (Served third = Served.start(data, keeper, Set.of("Timeout"))) {
            LambdaClient lambda = third.lambda();
            assertThat(lambda.getFunctionConfiguration(r -> r.functionName("keeper")).timeout()).isEqualTo(10);
            assertThat(lambda.getAlias(r -> r.functionName("keeper").name("live")).functionVersion()).isEqualTo(one);
        }
    }
}
