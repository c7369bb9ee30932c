package dev.overtime.platform.streaming;

import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.testfunctions.BigStream;
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

/** The streamed-response size limit, and Node's awslambda.streamifyResponse, through InvokeWithResponseStream. */
class StreamingEdgesTest {

    @TempDir
    static Path data;
    @TempDir
    static Path code;
    static PlatformHarness harness;
    static LambdaAsyncClient lambda;

    @BeforeAll
    static void start() throws Exception {
        Path node = Files.createDirectories(code.resolve("node-stream"));
        Files.writeString(node.resolve("index.mjs"), """
                import { existsSync } from 'node:fs';
                const until = async (file) => { while (!existsSync(file)) await new Promise(r => setTimeout(r, 2)); };
                export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
                  responseStream.setContentType('text/plain');
                  responseStream.write('node first\\n');
                  await until(event.gate);
                  responseStream.write('node second\\n');
                  responseStream.end();
                });
                """);
        FunctionDefinition inBand = TestFunctions.bootstrap(code, "in-band-error", TestFunctions.loop("""
                  printf 'Lambda-Runtime-Function-Error-Type: Runtime.StreamError\\r\\nLambda-Runtime-Function-Error-Body: %s\\r\\n' \
                    "$(printf 'it broke mid-stream' | base64)" > err.txt
                  curl -sS -X POST "$API/invocation/$ID/response" -H 'Lambda-Runtime-Function-Response-Mode: streaming' \
                    -H 'Transfer-Encoding: chunked' --data-binary @err.txt >/dev/null
                """), Duration.ofSeconds(10), null);
        harness = PlatformHarness.start(data, s -> s.withMaxStreamedBytes(64 * 1024), inBand,
                TestFunctions.java("big-stream", BigStream.class),
                new FunctionDefinition("node-stream", "node-stream", "nodejs20.x", "index.handler", node,
                        Duration.ofSeconds(10), 128, Map.of(), null, ""));
        lambda = LambdaAsyncClient.builder().endpointOverride(harness.platform().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @AfterAll
    static void stop() {
        lambda.close();
        harness.close();
    }

    private static List<String> stream(String function, String payload, Runnable onFirstChunk) throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        InvokeWithResponseStreamResponseHandler handler = InvokeWithResponseStreamResponseHandler.builder()
                .subscriber(InvokeWithResponseStreamResponseHandler.Visitor.builder()
                        .onPayloadChunk(c -> {
                            events.add("chunk:" + c.payload().asUtf8String().length() + ":"
                                    + c.payload().asUtf8String().substring(0, Math.min(12, c.payload().asUtf8String().length())));
                            if (events.size() == 1) {
                                onFirstChunk.run();
                            }
                        })
                        .onInvokeComplete(c -> events.add("complete:" + c.errorCode()))
                        .build())
                .build();
        lambda.invokeWithResponseStream(InvokeWithResponseStreamRequest.builder().functionName(function)
                .payload(SdkBytes.fromUtf8String(payload)).build(), handler).get(30, TimeUnit.SECONDS);
        return events;
    }

    @Test
    void aStreamPastTheLimit_endsWithResponseSizeTooLarge() throws Exception {
        List<String> events = stream("big-stream", "{\"kib\":128}", () -> { });

        assertThat(events.getLast()).isEqualTo("complete:Function.ResponseSizeTooLarge");
        long delivered = events.stream().filter(e -> e.startsWith("chunk:"))
                .mapToLong(e -> Long.parseLong(e.split(":")[1])).sum();
        assertThat(delivered).as("bytes delivered before the limit cut the stream").isPositive().isLessThanOrEqualTo(64 * 1024);
        List<String> small = stream("big-stream", "{\"kib\":16}", () -> { });
        assertThat(small.getLast()).isEqualTo("complete:null");
    }

    @Test
    void anErrorWrittenInBand_endsTheStreamWithItInsteadOfReachingTheCaller() throws Exception {
        List<String> events = stream("in-band-error", "{}", () -> { });

        assertThat(events).containsExactly("complete:Runtime.StreamError");
    }

    @Test
    void nodeStreamifyResponse_streamsEachWriteAsItHappens() throws Exception {
        Path gate = data.resolve("node-gate-" + System.nanoTime());

        List<String> events = stream("node-stream", "{\"gate\":\"" + gate + "\"}", () -> {
            try {
                Files.writeString(gate, "open");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(events).containsExactly("chunk:11:node first\n", "chunk:12:node second\n", "complete:null");
    }
}
