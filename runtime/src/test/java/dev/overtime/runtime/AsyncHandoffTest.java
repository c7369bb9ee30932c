package dev.overtime.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.overtime.lambda.AsyncHandoff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Event invoke behind AsyncHandoff, against an in-process HTTP server standing in for the Lambda API. */
class AsyncHandoffTest {

    private HttpServer server;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private volatile int status = 202;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " "
                    + exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type") + " " + body);
            exchange.getResponseHeaders().add("X-Amzn-RequestId", "queued-1");
            byte[] answer = (status == 202 ? "" : "{\"Type\":\"User\",\"message\":\"Function not found\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void invokeEvent_postsAnEventInvoke_andReturnsTheQueuedRequestId() throws Exception {
        String requestId = RuntimeServices.invokeEvent(endpoint() + "/", "slow-part", "{\"job\":7}".getBytes(StandardCharsets.UTF_8));

        assertThat(requestId).isEqualTo("queued-1");
        assertThat(received.poll(10, TimeUnit.SECONDS))
                .isEqualTo("POST /2015-03-31/functions/slow-part/invocations Event {\"job\":7}");
    }

    @Test
    void invokeEvent_encodesAnArnsColonsInThePath() throws Exception {
        RuntimeServices.invokeEvent(endpoint(), "arn:aws:lambda:us-east-1:000000000000:function:slow-part", new byte[0]);

        assertThat(received.poll(10, TimeUnit.SECONDS)).startsWith(
                "POST /2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Aslow-part/invocations");
    }

    @Test
    void invokeEvent_whenRefused_throwsWithTheStatusAndBody() {
        status = 404;

        assertThatThrownBy(() -> RuntimeServices.invokeEvent(endpoint(), "missing", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Event invoke of missing was refused: HTTP 404")
                .hasMessageContaining("Function not found");
    }

    @Test
    void invokeEvent_whenNothingListens_throwsUncheckedIOException() {
        String unreachable = endpoint();
        server.stop(0);

        assertThatThrownBy(() -> RuntimeServices.invokeEvent(unreachable, "f", new byte[0]))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Event invoke of f at " + unreachable);
    }

    @Test
    void asyncHandoff_withoutAnEndpointVariable_pointsToTheAwsSdk() {
        assumeTrue(System.getenv("AWS_ENDPOINT_URL_LAMBDA") == null && System.getenv("AWS_ENDPOINT_URL") == null);

        assertThatThrownBy(() -> AsyncHandoff.invoke("f", "{}"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("AWS_ENDPOINT_URL_LAMBDA")
                .hasMessageContaining("LambdaClient")
                .hasMessageContaining("InvocationType.EVENT");
    }
}
