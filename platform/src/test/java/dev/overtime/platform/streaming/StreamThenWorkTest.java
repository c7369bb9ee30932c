package dev.overtime.platform.streaming;

import dev.overtime.platform.testfunctions.StreamThenTimedWork;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.SlowPartScenario;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamRequest;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponseHandler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;


/**
 * Working after ending the stream: the caller has the whole stream before the slow part, the slow
 * part finishes afterwards, the environment takes no other event until it has, and the function
 * timeout bounds it.
 */
class StreamThenWorkTest {

    @TempDir
    static Path data;
    static PlatformHarness harness;
    static LambdaAsyncClient lambda;

    @BeforeAll
    static void start() throws Exception {
        harness = PlatformHarness.start(data,
                TestFunctions.java("stream-work", StreamThenTimedWork.class.getName(), Duration.ofSeconds(10), 1, Map.of()),
                TestFunctions.java("stream-work-short", StreamThenTimedWork.class.getName(), Duration.ofSeconds(1), 1,
                        Map.of()));
        lambda = LambdaAsyncClient.builder().endpointOverride(harness.platform().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterAll
    static void stop() {
        lambda.close();
        harness.close();
    }

    private static SlowPartScenario scenario() {
        return new SlowPartScenario(harness, StreamThenWorkTest::stream);
    }

    /** The stream as the caller saw it: the chunks' text, then "complete:<error code>". */
    private static String stream(String function, String payload) throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        InvokeWithResponseStreamResponseHandler handler = InvokeWithResponseStreamResponseHandler.builder()
                .subscriber(InvokeWithResponseStreamResponseHandler.Visitor.builder()
                        .onPayloadChunk(c -> events.add(c.payload().asUtf8String()))
                        .onInvokeComplete(c -> events.add("complete:" + c.errorCode()))
                        .build())
                .build();
        lambda.invokeWithResponseStream(InvokeWithResponseStreamRequest.builder().functionName(function)
                .payload(SdkBytes.fromUtf8String(payload)).build(), handler).get(30, TimeUnit.SECONDS);
        return String.join("", events);
    }

    @Test
    void caller_hasTheWholeStreamBeforeTheSlowPart_andTheNextEventWaitsUntilItIsDone() throws Exception {
        scenario().answersBeforeTheSlowPartAndHoldsTheNextEvent("stream-work", Files.createDirectories(data.resolve("ordered")),
                answer -> "answered\n" + answer + "\ncomplete:null");
    }

    @Test
    void aSlowPartPastTheFunctionTimeout_endsTheEnvironmentWithTaskTimedOut() throws Exception {
        scenario().cutsOffASlowPartPastTheTimeout("stream-work-short", Files.createDirectories(data.resolve("timeout")),
                answer -> "answered\n" + answer + "\ncomplete:null");
    }
}
