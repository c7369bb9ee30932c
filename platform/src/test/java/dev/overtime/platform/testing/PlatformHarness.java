package dev.overtime.platform.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.async.AsyncSettings;
import dev.overtime.platform.environment.EnvironmentPool;
import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/** Starts a real platform on a free port with the given functions, and hands out real SDK clients. */
public final class PlatformHarness implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Platform platform;
    private final LambdaClient lambda;

    private PlatformHarness(Platform platform) {
        this.platform = platform;
        this.lambda = LambdaClient.builder()
                .endpointOverride(platform.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("overtime", "overtime")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    public static PlatformHarness start(Path dataDir, FunctionDefinition... functions) throws Exception {
        return start(dataDir, s -> s, functions);
    }

    public static PlatformHarness start(Path dataDir, UnaryOperator<EnvironmentSettings> tune,
                                        FunctionDefinition... functions) throws Exception {
        return new PlatformHarness(Platform.start(new PlatformConfig("127.0.0.1", 0, settings(dataDir, tune)),
                List.of(functions)));
    }

    /** With the configuration {@code tune} makes of the default one (e.g. another event store). */
    public static PlatformHarness startWith(Path dataDir, UnaryOperator<PlatformConfig> tune,
                                            FunctionDefinition... functions) throws Exception {
        return new PlatformHarness(Platform.start(tune.apply(new PlatformConfig("127.0.0.1", 0,
                settings(dataDir, s -> s))), List.of(functions)));
    }

    /** With {@code selectors} selector threads serving every connection. */
    public static PlatformHarness startWithSelectors(Path dataDir, int selectors, FunctionDefinition... functions)
            throws Exception {
        return new PlatformHarness(Platform.start(new PlatformConfig("127.0.0.1", 0, settings(dataDir, s -> s))
                .withSelectors(selectors), List.of(functions)));
    }

    /** With {@code limits} on every port instead of serve's. */
    public static PlatformHarness startWithLimits(Path dataDir, dev.overtime.platform.http.PortLimits limits,
                                                  FunctionDefinition... functions) throws Exception {
        return new PlatformHarness(Platform.start(new PlatformConfig("127.0.0.1", 0, settings(dataDir, s -> s))
                .withLimits(limits), List.of(functions)));
    }

    /** With asynchronous delivery timed by {@code async}: retry delays short enough for a test, a movable clock. */
    public static PlatformHarness start(Path dataDir, AsyncSettings async, FunctionDefinition... functions)
            throws Exception {
        return new PlatformHarness(Platform.start(new PlatformConfig("127.0.0.1", 0, settings(dataDir, s -> s), async),
                List.of(functions)));
    }

    private static EnvironmentSettings settings(Path dataDir, UnaryOperator<EnvironmentSettings> tune) {
        // A long settle grace: a test that expects reuse must never see a spare environment started
        // because a loaded machine took a while to deliver the runtime's next /next.
        return tune.apply(EnvironmentSettings.defaults(dataDir).withEcho(false).withSettleGrace(Duration.ofSeconds(2)));
    }

    public static PlatformHarness startWithUrls(Path dataDir, List<FunctionDefinition> functions,
                                                List<dev.overtime.platform.function.FunctionUrlDefinition> urls) throws Exception {
        return new PlatformHarness(Platform.start(new PlatformConfig("127.0.0.1", 0, settings(dataDir, s -> s)),
                functions, urls));
    }

    public LambdaClient lambda() {
        return lambda;
    }

    public Platform platform() {
        return platform;
    }

    public String endpoint() {
        return platform.endpoint().toString();
    }

    /**
     * Invokes {@code function} from {@code callers} threads at once, each with {@code payload}, and
     * returns the process ids the answers report (a function such as {@code Greeter} or
     * {@code Rendezvous} puts its own in {@code pid}). Fails on any function error.
     */
    public Set<Long> pidsOfParallelInvokes(String function, String payload, int callers) {
        try (ExecutorService threads = Executors.newFixedThreadPool(callers)) {
            List<CompletableFuture<InvokeResponse>> calls = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> lambda.invoke(b -> b.functionName(function)
                        .payload(SdkBytes.fromUtf8String(payload))), threads));
            }
            Set<Long> pids = new HashSet<>();
            for (CompletableFuture<InvokeResponse> call : calls) {
                InvokeResponse r = call.join();
                String body = r.payload().asUtf8String();
                if (r.functionError() != null) {
                    throw new AssertionError("invocation of " + function + " failed: " + body);
                }
                pids.add(JSON.readTree(body).get("pid").asLong());
            }
            return pids;
        } catch (JsonProcessingException e) {
            throw new AssertionError("the answer is not JSON", e);
        }
    }

    public List<EnvironmentPool.EnvironmentView> environments(String function) {
        return platform.functions().find(function).orElseThrow().latest().pool().describe();
    }

    @Override
    public void close() {
        lambda.close();
        platform.close();
    }
}
