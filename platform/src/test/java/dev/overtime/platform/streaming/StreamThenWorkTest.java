package dev.overtime.platform.streaming;

import dev.overtime.platform.testfunctions.StreamThenTimedWork;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.PlatformHarness;
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

import static org.assertj.core.api.Assertions.assertThat;

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

    private static String work(Path dir, String name, long workMillis) {
        return "{\"dir\":\"" + dir + "\",\"name\":\"" + name + "\",\"workMillis\":" + workMillis + "}";
    }

    private static long timestamp(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (Exception e) {
            throw new AssertionError("no timestamp in " + file, e);
        }
    }

    @Test
    void caller_hasTheWholeStreamBeforeTheSlowPart_andTheNextEventWaitsUntilItIsDone() throws Exception {
        Path dir = Files.createDirectories(data.resolve("ordered"));
        stream("stream-work", "{}");  // The cold start is not what this measures.

        long sent = System.nanoTime();
        String first = stream("stream-work", work(dir, "first", 1000));
        Duration completeAfter = Duration.ofNanos(System.nanoTime() - sent);
        boolean workedWhenComplete = Files.exists(dir.resolve("first.worked"));
        String second = stream("stream-work", work(dir, "second", 0));

        assertThat(first).isEqualTo("answered\nfirst\ncomplete:null");
        assertThat(completeAfter).isLessThan(Duration.ofMillis(600));
        assertThat(workedWhenComplete).isFalse();
        Path worked = dir.resolve("first.worked");
        Eventually.await("the slow part's file", Duration.ofSeconds(10), () -> Files.exists(worked));
        assertThat(timestamp(worked) - timestamp(dir.resolve("first.started"))).isGreaterThanOrEqualTo(1000);
        // Reserved concurrency 1: the only environment took the second event once the slow part had ended.
        assertThat(second).isEqualTo("answered\nsecond\ncomplete:null");
        assertThat(timestamp(dir.resolve("second.started"))).isGreaterThanOrEqualTo(timestamp(worked));
        assertThat(harness.environments("stream-work")).hasSize(1);
    }

    @Test
    void aSlowPartPastTheFunctionTimeout_endsTheEnvironmentWithTaskTimedOut() throws Exception {
        Path dir = Files.createDirectories(data.resolve("timeout"));

        String answer = stream("stream-work-short", work(dir, "long", 3000));

        assertThat(answer).isEqualTo("answered\nlong\ncomplete:null");
        Path log = Path.of(harness.environments("stream-work-short").get(0).logFile());
        Eventually.await("the timeout line in " + log, Duration.ofSeconds(10),
                () -> read(log).contains("Task timed out after 1.00 seconds"));
        assertThat(Files.exists(dir.resolve("long.worked"))).isFalse();
        Eventually.await("the timed-out environment to be gone", Duration.ofSeconds(10),
                () -> harness.environments("stream-work-short").isEmpty());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
