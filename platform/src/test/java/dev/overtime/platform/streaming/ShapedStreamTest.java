package dev.overtime.platform.streaming;

import dev.overtime.platform.testfunctions.BigStream;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
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

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** With --shape-streams, a stream past AWS's 6 MiB burst runs at 2 MiB/s, as in production. */
class ShapedStreamTest {

    @TempDir
    Path data;

    @Test
    void shapedStream_of8MiB_cannotFinishBeforeTheBandwidthAllows() throws Exception {
        try (PlatformHarness harness = PlatformHarness.start(data, s -> s.withShapedStreams(true),
                TestFunctions.java("big", BigStream.class));
             LambdaAsyncClient lambda = LambdaAsyncClient.builder().endpointOverride(harness.platform().endpoint())
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                     .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            AtomicLong received = new AtomicLong();
            AtomicReference<String> error = new AtomicReference<>("unset");
            long start = System.nanoTime();
            lambda.invokeWithResponseStream(InvokeWithResponseStreamRequest.builder().functionName("big")
                    .payload(SdkBytes.fromUtf8String("{\"kib\":8192}")).build(),
                    InvokeWithResponseStreamResponseHandler.builder().subscriber(
                            InvokeWithResponseStreamResponseHandler.Visitor.builder()
                                    .onPayloadChunk(c -> received.addAndGet(c.payload().asByteArray().length))
                                    .onInvokeComplete(c -> error.set(String.valueOf(c.errorCode()))).build()).build())
                    .get(60, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(received.get()).isEqualTo(8L * 1024 * 1024);
            assertThat(error.get()).isEqualTo("null");
            // 2 MiB past the burst at 2 MiB/s: at least a second, whatever the machine.
            assertThat(seconds).isGreaterThanOrEqualTo(0.95);
        }
    }
}
