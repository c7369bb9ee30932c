package dev.overtime.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.overtime.runtime.fixtures.Greeters;
import dev.overtime.runtime.fixtures.Streamers;
import dev.overtime.runtime.fixtures.Streams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StreamingHandler end to end, in process, against a raw-socket Runtime API that sees every chunk. */
class StreamingTest {

    private static final String RESPONSE = "/2018-06-01/runtime/invocation/req-1/response";

    @TempDir
    Path taskRoot;

    private RawRuntimeApi api;

    @BeforeEach
    void start() throws Exception {
        Streamers.reset();
        api = new RawRuntimeApi();
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    private int run(Class<?> handler) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "streamer");
        return assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> Main.run(new String[] {handler.getName()}, env, taskRoot.resolve("opt").toString()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return (Map<String, Object>) Json.parse(text);
    }

    @Test
    void streamingHandler_sendsEachWriteAsItsOwnChunkBeforeTheNextWrite() throws Exception {
        api.onChunk = chunk -> Streamers.firstChunkReceived.countDown();
        api.invoke("{\"n\":1}");
        api.stop();

        run(Streamers.TwoChunks.class);

        RawRuntimeApi.Request post = api.awaitPost();
        assertThat(post.method).isEqualTo("POST");
        assertThat(post.path).isEqualTo(RESPONSE);
        assertThat(post.header("Lambda-Runtime-Function-Response-Mode")).isEqualTo("streaming");
        assertThat(post.chunked).isTrue();
        assertThat(post.header("Trailer"))
                .isEqualTo("Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body");
        // The handler only writes "two" once the stub has "one", so buffering would have timed it out.
        assertThat(post.chunkTexts()).containsExactly("one:1", "two");
        assertThat(post.trailers).isEmpty();
    }

    @Test
    void streamingHandler_sendsItsContentTypeOnTheResponse() throws Exception {
        api.onChunk = chunk -> Streamers.firstChunkReceived.countDown();
        api.invoke("{\"n\":2}");
        api.stop();

        run(Streamers.TwoChunks.class);

        assertThat(api.awaitPost().header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void streamingHandler_withoutContentType_sendsOctetStream() throws Exception {
        api.invoke("\"x\"");
        api.stop();

        run(Streamers.RawEcho.class);

        assertThat(api.awaitPost().header("Content-Type")).isEqualTo("application/octet-stream");
    }

    @Test
    void streamingHandler_takingInputStream_getsTheRawEventBytes() throws Exception {
        api.invoke("{'not': json");
        api.stop();

        run(Streamers.RawEcho.class);

        assertThat(api.awaitPost().bodyText()).isEqualTo("{'not': json");
    }

    @Test
    void streamingHandler_inputBoundInASuperclass_isConvertedLikeRequestHandlerInput() throws Exception {
        api.invoke("{\"name\":\"Ada\",\"age\":36}");
        api.stop();

        run(Streamers.PersonStreamer.class);

        assertThat(api.awaitPost().bodyText()).isEqualTo("Ada (36)");
    }

    @Test
    void httpResponse_startsWithPreludeAndEightNulsBeforeTheFirstBodyByte() throws Exception {
        api.invoke("\"hello\"");
        api.stop();

        run(Streamers.HttpResponse.class);

        RawRuntimeApi.Request post = api.awaitPost();
        assertThat(post.header("Content-Type")).isEqualTo("application/vnd.awslambda.http-integration-response");
        byte[] body = post.body;
        int nul = indexOf(body, (byte) 0);
        assertThat(nul).isPositive();
        assertThat(Arrays.copyOfRange(body, nul, nul + 8)).containsOnly(0);
        assertThat(new String(body, nul + 8, body.length - nul - 8, StandardCharsets.UTF_8)).isEqualTo("<p>hi</p>");
        Map<String, Object> prelude = json(new String(body, 0, nul, StandardCharsets.UTF_8));
        assertThat(prelude.get("statusCode")).isEqualTo(201L);
        assertThat(prelude.get("headers")).isEqualTo(Map.of("x-greeting", "hello", "Content-Type", "text/html"));
        assertThat(prelude.get("cookies")).isEqualTo(List.of("a=1", "b=2; Secure"));
    }

    @Test
    void httpResponse_withNothingWritten_sendsThePreludeAtClose() throws Exception {
        api.invoke("{}");
        api.stop();

        run(Streamers.EmptyHttpResponse.class);

        byte[] body = api.awaitPost().body;
        String expected = "{\"statusCode\":204,\"headers\":{},\"cookies\":[]}";
        assertThat(new String(body, 0, expected.length(), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(Arrays.copyOfRange(body, expected.length(), body.length)).hasSize(8).containsOnly(0);
    }

    @Test
    void handlerThrowingAfterWriting_endsTheStreamWithBase64JsonErrorTrailers() throws Exception {
        api.invoke("{}");
        api.invoke("{}");
        api.stop();

        run(Streamers.FailsMidStream.class);

        RawRuntimeApi.Request post = api.awaitPost();
        assertThat(post.path).isEqualTo(RESPONSE);
        assertThat(post.bodyText()).isEqualTo("partial");
        assertThat(post.trailer("Lambda-Runtime-Function-Error-Type")).isEqualTo("java.lang.IllegalStateException");
        Map<String, Object> error = json(new String(
                Base64.getDecoder().decode(post.trailer("Lambda-Runtime-Function-Error-Body")), StandardCharsets.UTF_8));
        assertThat(error).containsEntry("errorMessage", "boom after partial")
                .containsEntry("errorType", "java.lang.IllegalStateException");
        assertThat((List<?>) error.get("stackTrace")).isNotEmpty()
                .allSatisfy(frame -> assertThat((String) frame).doesNotStartWith("dev.overtime.runtime.Streaming"));
        // The loop goes on to the next invocation.
        assertThat(api.awaitPost().path).isEqualTo("/2018-06-01/runtime/invocation/req-2/response");
    }

    @Test
    void handlerFailingExplicitly_endsTheStreamWithErrorTrailers() throws Exception {
        api.invoke("{}");
        api.stop();

        run(Streamers.ExplicitFail.class);

        RawRuntimeApi.Request post = api.awaitPost();
        assertThat(post.bodyText()).isEqualTo("so far");
        assertThat(post.trailer("Lambda-Runtime-Function-Error-Type"))
                .isEqualTo("java.lang.UnsupportedOperationException");
        assertThat(new String(Base64.getDecoder().decode(post.trailer("Lambda-Runtime-Function-Error-Body")),
                StandardCharsets.UTF_8)).contains("\"errorMessage\":\"gave up\"");
    }

    @Test
    void handlerThrowingBeforeWriting_reportsAnOrdinaryFunctionError() throws Exception {
        api.invoke("{}");
        api.stop();

        run(Streamers.FailsBeforeWriting.class);

        RawRuntimeApi.Request post = api.awaitPost();
        assertThat(post.path).isEqualTo("/2018-06-01/runtime/invocation/req-1/error");
        assertThat(post.header("Lambda-Runtime-Function-Error-Type")).isEqualTo("Runtime.UserException");
        assertThat(json(post.bodyText())).containsEntry("errorMessage", "nothing to stream")
                .containsEntry("errorType", "java.lang.IllegalArgumentException");
        assertThat(api.arrivals()).doesNotContain("POST " + RESPONSE);
    }

    @Test
    void settingHeadOfTheResponseAfterTheFirstWrite_throwsIllegalState() throws Exception {
        api.invoke("{}");
        api.stop();

        run(Streamers.LateHeader.class);

        assertThat(api.awaitPost().chunkTexts()).containsExactly("body",
                "Cannot set header X-Late after the first write: the response's head has already been sent",
                "content type refused");
    }

    @Test
    void handlerWorkingAfterClose_getsNoNextEventUntilItReturns() throws Exception {
        api.onPost = post -> {
            if (post.path.equals(RESPONSE)) {
                Streamers.responseReceived.countDown();
            }
        };
        // The handler releases its latch as its last action; a /next before that would see count 1.
        List<Long> handlerLatchAtSecondNext = new CopyOnWriteArrayList<>();
        api.onNext = () -> {
            if (api.arrivals().size() > 1) {
                handlerLatchAtSecondNext.add(Streamers.handlerFinished.getCount());
            }
        };
        api.invoke("{}");
        api.stop();

        run(Streamers.WorksAfterClose.class);

        RawRuntimeApi.Request post = api.awaitPost();
        // The response was complete while the handler was still running: it waited for it.
        assertThat(post.bodyText()).isEqualTo("done");
        assertThat(post.trailers).isEmpty();
        assertThat(Streamers.afterClose).isEqualTo("write after close refused");
        assertThat(handlerLatchAtSecondNext).as("handler latch count at the second /next").containsExactly(0L);
        assertThat(api.arrivals()).containsExactly("GET /2018-06-01/runtime/invocation/next",
                "POST " + RESPONSE, "GET /2018-06-01/runtime/invocation/next");
    }

    @Test
    void handlerThrowingAfterClose_leavesTheFinishedResponseAlone() throws Exception {
        api.onPost = post -> Streamers.responseReceived.countDown();
        api.invoke("{\"throw\":true}");
        api.invoke("{}");
        api.stop();

        run(Streamers.WorksAfterClose.class);

        RawRuntimeApi.Request first = api.awaitPost();
        assertThat(first.path).isEqualTo(RESPONSE);
        assertThat(first.bodyText()).isEqualTo("done");
        assertThat(first.trailers).isEmpty();
        // No /error for req-1: the next post is req-2's response.
        assertThat(api.awaitPost().path).isEqualTo("/2018-06-01/runtime/invocation/req-2/response");
    }

    @Test
    void bufferedHandlers_stillPostOneBodyPipelinedWithTheNextRequest() throws Exception {
        api.invoke("{\"name\":\"Ada\"}");
        api.stop();

        run(Greeters.MapGreeter.class);

        RawRuntimeApi.Request post = api.awaitPost();
        assertThat(post.chunked).isFalse();
        assertThat(post.header("Lambda-Runtime-Function-Response-Mode")).isNull();
        assertThat(post.header("Content-Length")).isNotNull();
        assertThat(post.bodyText()).isEqualTo("{\"message\":\"Hello, Ada!\"}");
    }

    @Test
    void bufferedStreamHandlers_stillPostOneBody() throws Exception {
        api.invoke("raw bytes");
        api.stop();

        run(Streams.class);

        RawRuntimeApi.Request post = api.awaitPost();
        assertThat(post.chunked).isFalse();
        assertThat(post.bodyText()).isEqualTo("raw bytes");
    }

    @Test
    void loader_rejectsAStreamingHandlerWithoutTypeArguments() {
        assertThatThrownBy(() -> HandlerLoader.load(Streamers.RawStreamer.class.getName(),
                StreamingTest.class.getClassLoader()))
                .isInstanceOf(HandlerFault.class)
                .hasMessageContaining("does not implement StreamingHandler with concrete type parameters");
    }

    @Test
    void loader_recognisesStreamingHandlers() {
        Handler h = HandlerLoader.load(Streamers.TwoChunks.class.getName(), StreamingTest.class.getClassLoader());
        assertThat(h.streams()).isTrue();
        assertThat(HandlerLoader.load(Streams.class.getName(), StreamingTest.class.getClassLoader()).streams())
                .isFalse();
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
