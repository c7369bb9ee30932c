package dev.overtime.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import dev.overtime.lambda.AfterResponse;
import dev.overtime.runtime.fixtures.AfterResponders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AfterResponse end to end, in process, against a stub Runtime API that records when each request arrived. */
class AfterResponseTest {

    @TempDir
    Path taskRoot;

    private InProcessRuntime runtime;
    private StubRuntimeApi api;

    @BeforeEach
    void start() throws Exception {
        AfterResponders.reset();
        runtime = new InProcessRuntime(taskRoot, "after");
        api = runtime.api();
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private int run(Class<?> handler) {
        return runtime.run(handler);
    }

    private CompletableFuture<Integer> runInBackground(Class<?> handler) {
        return CompletableFuture.supplyAsync(() -> run(handler));
    }

    private String stderr() {
        return runtime.stderr();
    }

    private List<StubRuntimeApi.Request> nexts() {
        return api.requests().stream().filter(r -> r.method.equals("GET")).collect(Collectors.toList());
    }

    @Test
    void work_runsAfterTheResponseIsPosted_andTheNextEventIsAskedForOnlyOnceItIsDone() throws Exception {
        api.invoke("{}");
        api.stop();
        CompletableFuture<Integer> runtime = runInBackground(AfterResponders.Gated.class);

        StubRuntimeApi.Request response = api.awaitPost();
        assertThat(response.path).isEqualTo("/2018-06-01/runtime/invocation/req-1/response");
        assertThat(response.body).isEqualTo("\"quick\"");
        assertThat(AfterResponders.steps).isEmpty();
        AfterResponders.released.countDown();
        assertThat(runtime.get()).isEqualTo(1);

        assertThat(AfterResponders.steps).containsExactly("req-1:gated");
        List<StubRuntimeApi.Request> nexts = nexts();
        assertThat(nexts).hasSize(2);
        // Neither pipelined with the response nor sent while the work ran.
        assertThat(nexts.get(1).receivedNanos).isGreaterThan(AfterResponders.workEndedNanos);
    }

    @Test
    void severalPieces_runInOrder_aFailureIsLoggedWithTheRequestId_andTheOthersStillRun() throws Exception {
        api.invoke("{}");
        api.invoke("{}");
        api.stop();

        run(AfterResponders.Ordered.class);

        assertThat(api.awaitPost().body).isEqualTo("\"answered\"");
        assertThat(api.awaitPost().body).isEqualTo("\"answered\"");
        assertThat(AfterResponders.steps).containsExactly(
                "req-1:first", "req-1:third", "req-1:scheduled-by-work",
                "req-2:first", "req-2:third", "req-2:scheduled-by-work");
        assertThat(stderr())
                .containsPattern("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\treq-1\tERROR\tAfter-response work failed; the response"
                        + " already sent stands: java.lang.IllegalArgumentException")
                .contains("work broke on purpose")
                .contains("\treq-2\tERROR\t");
    }

    @Test
    void withoutWork_theResponseAndTheNextRequestArePipelinedAsBefore() throws Exception {
        api.invoke("{}");
        api.invoke("{}");
        api.stop();

        run(AfterResponders.KeepsContext.class);

        assertThat(api.awaitPost().body).isEqualTo("\"kept\"");
        // Pipelining sends both requests in one write on one connection.
        List<StubRuntimeApi.Request> requests = api.requests();
        assertThat(requests).extracting(r -> r.clientPort).containsOnly(requests.get(0).clientPort);
    }

    @Test
    void workPastTheDeadline_isAbandoned_withATimeoutLine_andTheLoopGoesOn() throws Exception {
        api.enqueue(api.prepare("{}").header("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + 500)));
        api.enqueue(api.prepare("{}").header("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + 1500)));
        api.stop();
        long started = System.nanoTime();

        run(AfterResponders.Endless.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(AfterResponders.steps).contains("req-1:started", "req-2:started");
        assertThat(stderr()).containsPattern("Z req-1 Task timed out: after-response work was still running");
        assertThatThrownBy(() -> AfterResponse.run(contextOf("req-1"), () -> { }))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void work_runsAfterAHandlerFailure_once_the_error_is_reported() throws Exception {
        api.invoke("{}");
        api.stop();

        run(AfterResponders.FailsAfterScheduling.class);

        assertThat(api.awaitPost().path).isEqualTo("/2018-06-01/runtime/invocation/req-1/error");
        assertThat(AfterResponders.steps).containsExactly("req-1:after-failure");
    }

    @Test
    void requestStreamHandler_canScheduleWork() throws Exception {
        api.invoke("{}");
        api.stop();

        run(AfterResponders.Raw.class);

        assertThat(api.awaitPost().body).isEqualTo("raw");
        assertThat(AfterResponders.steps).containsExactly("req-1:raw");
    }

    @Test
    void streamingHandler_workRunsAfterTheStreamEnded_beforeTheNextRequest() throws Exception {
        api.invoke("{}");
        api.stop();
        CompletableFuture<Integer> runtime = runInBackground(AfterResponders.Streaming.class);

        StubRuntimeApi.Request response = api.awaitPost();
        assertThat(response.body).isEqualTo("streamed");
        assertThat(AfterResponders.steps).isEmpty();
        AfterResponders.released.countDown();
        runtime.get();

        assertThat(AfterResponders.steps).containsExactly("req-1:streamed");
        assertThat(nexts().get(1).receivedNanos).isGreaterThan(AfterResponders.workEndedNanos);
    }

    @Test
    void schedulingOutsideAnInvocation_throwsIllegalStateException() throws Exception {
        api.invoke("{}");
        api.stop();
        run(AfterResponders.KeepsContext.class);

        assertThatThrownBy(() -> AfterResponse.run(AfterResponders.keptContext, () -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("invocation req-1 is not running")
                .hasMessageContaining("from a handler");
        assertThatThrownBy(() -> AfterResponse.run(contextOf("never-seen"), () -> { }))
                .isInstanceOf(IllegalStateException.class);
    }

    private static Context contextOf(String requestId) {
        InvocationRequest request = new InvocationRequest(requestId, 0, null, null, null, null, null, new byte[0]);
        return new InvocationContext(request, FunctionConfig.from(new String[] {"x"}, Map.of()),
                new RuntimeLogger(null, null));
    }
}
