package dev.overtime.platform.streaming;

import dev.overtime.platform.testfunctions.GatedStream;
import dev.overtime.platform.testfunctions.Greeter;
import dev.overtime.platform.testfunctions.StreamThenFail;
import dev.overtime.platform.testfunctions.StreamThenWork;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** InvokeWithResponseStream through AWS SDK for Java v2's async client: chunks arrive as they are written. */
class InvokeWithResponseStreamTest {

    @TempDir
    static Path data;
    static PlatformHarness harness;
    static LambdaAsyncClient lambda;

    @BeforeAll
    static void start() throws Exception {
        harness = PlatformHarness.start(data,
                TestFunctions.java("gated", GatedStream.class),
                TestFunctions.java("stream-then-fail", StreamThenFail.class),
                TestFunctions.java("greeter", Greeter.class),
                TestFunctions.java("stream-then-work", StreamThenWork.class.getName(), Duration.ofSeconds(20), 1, Map.of()));
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

    /** What the caller saw: each event in arrival order, as "chunk:<text>" or "complete:<code>". */
    private static List<String> stream(String function, String payload, Runnable onFirstChunk) throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        InvokeWithResponseStreamResponseHandler handler = InvokeWithResponseStreamResponseHandler.builder()
                .subscriber(InvokeWithResponseStreamResponseHandler.Visitor.builder()
                        .onPayloadChunk(c -> {
                            events.add("chunk:" + c.payload().asUtf8String());
                            if (events.size() == 1) {
                                onFirstChunk.run();
                            }
                        })
                        .onInvokeComplete(c -> events.add("complete:" + c.errorCode() + ":" + c.errorDetails()))
                        .build())
                .build();
        lambda.invokeWithResponseStream(InvokeWithResponseStreamRequest.builder().functionName(function)
                .payload(SdkBytes.fromUtf8String(payload)).build(), handler).get(30, TimeUnit.SECONDS);
        return events;
    }

    @Test
    void streamedChunks_reachTheCallerAsTheFunctionWritesThem() throws Exception {
        Path gate = data.resolve("gate-" + System.nanoTime());

        List<String> events = stream("gated", "{\"gate\":\"" + gate + "\"}", () -> {
            try {
                Files.writeString(gate, "open");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(events).containsExactly("chunk:first\n", "chunk:second\n", "complete:null:null");
    }

    @Test
    void aStreamThatFailsMidway_endsWithTheErrorInInvokeComplete() throws Exception {
        List<String> events = stream("stream-then-fail", "{\"after\":\"a line\"}", () -> { });

        assertThat(events.getFirst()).isEqualTo("chunk:partial output\n");
        assertThat(events.getLast()).startsWith("complete:java.lang.IllegalStateException:")
                .contains("failed after a line");
    }

    @Test
    void aBufferedFunction_arrivesAsOneChunk() throws Exception {
        List<String> events = stream("greeter", "{\"name\":\"stream\"}", () -> { });

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).startsWith("chunk:{").contains("Hello, stream!");
        assertThat(events.get(1)).isEqualTo("complete:null:null");
    }

    @Test
    void endingTheStreamAndWorkingOn_releasesTheCallerButHoldsTheEnvironment() throws Exception {
        Path gate = data.resolve("work-gate-" + System.nanoTime());
        Path marker = data.resolve("work-done-" + System.nanoTime());

        List<String> first = stream("stream-then-work", "{\"gate\":\"" + gate + "\",\"marker\":\"" + marker + "\"}",
                () -> { });

        assertThat(first).containsExactly("chunk:answered\n", "complete:null:null");
        assertThat(marker).as("the work goes on after the caller is done").doesNotExist();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        Future<List<String>> second = caller.submit(() -> stream("stream-then-work", "{\"check\":\"" + marker + "\"}",
                () -> { }));
        Files.writeString(gate, "open");
        assertThat(second.get(30, TimeUnit.SECONDS)).as("the next event waits for the work to end")
                .startsWith("chunk:after");
        caller.shutdown();
    }

    @Test
    void afterAStream_theEnvironmentServesTheNextInvocation() throws Exception {
        stream("stream-then-fail", "{}", () -> { });
        List<String> again = stream("stream-then-fail", "{\"after\":\"again\"}", () -> { });

        assertThat(again.getLast()).contains("failed after again");
        assertThat(harness.environments("stream-then-fail")).hasSize(1);
    }
}
