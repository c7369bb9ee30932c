package dev.overtime.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overtime.runtime.fixtures.ExtensionHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** InternalExtension in process, against the stub Runtime and Extensions APIs. */
class InternalExtensionTest {

    @TempDir
    Path taskRoot;

    private InProcessRuntime runtime;
    private StubRuntimeApi api;

    @BeforeEach
    void start() throws Exception {
        ExtensionHandlers.reset();
        runtime = new InProcessRuntime(taskRoot, "extended");
        api = runtime.api();
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private int run(Class<?> handler) {
        return runtime.run(handler);
    }

    private List<StubRuntimeApi.Request> requestsTo(String pathEnd) {
        return api.requests().stream().filter(r -> r.path.endsWith(pathEnd)).collect(Collectors.toList());
    }

    @Test
    void extension_registersForInvokeDuringInit_andWorksOnlyAfterTheResponseWasPosted() throws Exception {
        // The INVOKE event is ready before the runtime even has the invocation, as when the platform
        // dispatches both at once: the extension must still wait for the response.
        api.extensionInvoke("req-1");
        api.invoke("\"a\"");
        api.stop();
        CompletableFuture<Integer> runtime = CompletableFuture.supplyAsync(() -> run(ExtensionHandlers.Queueing.class));

        StubRuntimeApi.Request response = api.awaitPost();
        assertThat(runtime.get()).isEqualTo(1);  // the stub's 500 on the second /next ends the loop
        api.stopExtensions();

        assertThat(response.path).isEqualTo("/2018-06-01/runtime/invocation/req-1/response");
        StubRuntimeApi.Request register = requestsTo("/extension/register").get(0);
        assertThat(register.header("Lambda-Extension-Name")).isEqualTo("queue-drain");
        assertThat(register.body).isEqualTo("{\"events\":[\"INVOKE\"]}");
        StubRuntimeApi.Request firstNext = requestsTo("/invocation/next").get(0);
        assertThat(register.receivedNanos).as("registered before the first /next").isLessThan(firstNext.receivedNanos);
        assertThat(requestsTo("/extension/event/next").get(0).header("Lambda-Extension-Identifier"))
                .isEqualTo("0b6b7a3c-0000-4000-8000-000000000001");
        waitFor(() -> !ExtensionHandlers.drained.isEmpty());
        assertThat(ExtensionHandlers.drained).containsExactly("req-1:a");
        assertThat(ExtensionHandlers.onInvokeNanos).isGreaterThan(response.receivedNanos);
    }

    @Test
    void registeringFromTheHandler_isTooLate() throws Exception {
        api.invoke("\"x\"");
        api.stop();

        run(ExtensionHandlers.RegistersLate.class);

        assertThat(api.awaitPost().body).contains("registered too late")
                .contains("static initializer or constructor");
        assertThat(requestsTo("/extension/register")).isEmpty();
    }

    @Test
    void aRegistrationThePlatformRefuses_failsInitWithTheReason() throws Exception {
        api.refuseRegistrations("{\"errorMessage\":\"closed\",\"errorType\":\"Extension.RegistrationClosed\"}");

        int status = run(ExtensionHandlers.Queueing.class);

        assertThat(status).isEqualTo(1);
        StubRuntimeApi.Request initError = api.awaitPost();
        assertThat(initError.path).isEqualTo("/2018-06-01/runtime/init/error");
        assertThat(initError.body).contains("IllegalStateException").contains("registered too late")
                .contains("Extension.RegistrationClosed");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
