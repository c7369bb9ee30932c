package dev.overtime.platform.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.environment.EnvironmentPool;
import dev.overtime.platform.environment.EnvironmentState;
import dev.overtime.platform.http.PortLimits;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.RawHttp;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every door answers to requests no well-behaved client sends: AWS's own error shape or a clean close. */
class HostileRequestsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private PlatformHarness start(PortLimits limits) throws Exception {
        return PlatformHarness.startWithLimits(dir.resolve("data"), limits,
                TestFunctions.bootstrap(dir, "echo", TestFunctions.ANSWERS_OK, Duration.ofSeconds(10), null));
    }

    private static void assertAwsError(RawHttp.Answer answer, int status, String errorType) throws IOException {
        assertThat(answer.answered()).as("answered in time").isTrue();
        assertThat(answer.status()).as(answer.head()).isEqualTo(status);
        assertThat(answer.header("x-amzn-ErrorType")).as(answer.head()).isEqualTo(errorType);
        assertThat(answer.leaksInternals()).as(answer.body()).isFalse();
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("Type").asText()).isEqualTo("User");
        assertThat(body.path("message").asText()).isNotBlank();
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    }

    @Test
    void functionNames_thatJettyRefuses_areAnsweredInAwsShape() throws Exception {
        try (PlatformHarness platform = start(PortLimits.DEFAULTS)) {
            int port = platform.platform().port();
            for (String name : List.of("a%2Fb", "a%25b", "a%00b", "a%2F..%2F..%2Fetc")) {
                assertAwsError(RawHttp.exchange(port, get("/2015-03-31/functions/" + name), DEADLINE), 400,
                        "ValidationException");
            }
            assertAwsError(RawHttp.exchange(port, get("/2015-03-31/functions/" + "a".repeat(20_000)), DEADLINE),
                    414, "ValidationException");
        }
    }

    @Test
    void getFunction_ofDotOrDotDot_isNotFound() throws Exception {
        try (PlatformHarness platform = start(PortLimits.DEFAULTS)) {
            int port = platform.platform().port();
            for (String name : List.of(".", "..")) {
                assertAwsError(RawHttp.exchange(port, get("/2015-03-31/functions/" + name), DEADLINE), 404,
                        "ResourceNotFoundException");
                assertAwsError(RawHttp.exchange(port, get("/2015-03-31/functions/" + name + "/configuration"),
                        DEADLINE), 404, "ResourceNotFoundException");
            }
            assertThatThrownBy(() -> platform.lambda().getFunction(b -> b.functionName("..")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void postToTheFunctionsCollection_isAnUnknownOperation() throws Exception {
        try (PlatformHarness platform = start(PortLimits.DEFAULTS)) {
            int port = platform.platform().port();
            for (String path : List.of("/2015-03-31/functions", "/2015-03-31/functions/", "/2015-03-31/functions?/echo",
                    "/2015-03-31/functionsecho/invocations")) {
                String post = "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
                assertAwsError(RawHttp.exchange(port, post, DEADLINE), 404, "UnknownOperationException");
            }
        }
    }

    @Test
    void heads_tooLargeOrWithTooManyFields_getA431InAwsShape() throws Exception {
        try (PlatformHarness platform = start(PortLimits.DEFAULTS)) {
            int port = platform.platform().port();
            StringBuilder many = new StringBuilder("GET /2015-03-31/functions/echo HTTP/1.1\r\nHost: x\r\n");
            for (int i = 0; i < PortLimits.DEFAULTS.maxRequestHeaders() + 1; i++) {
                many.append("X-H").append(i).append(": v\r\n");
            }
            assertAwsError(RawHttp.exchange(port, many.append("Connection: close\r\n\r\n").toString(), DEADLINE),
                    431, "ValidationException");
            String big = "GET /2015-03-31/functions/echo HTTP/1.1\r\nHost: x\r\nX-Big: "
                    + "b".repeat(PortLimits.DEFAULTS.requestHeaderBytes()) + "\r\n\r\n";
            assertAwsError(RawHttp.exchange(port, big, DEADLINE), 431, "ValidationException");
        }
    }

    @Test
    void malformedRequestLines_getA400InAwsShapeOrAClose() throws Exception {
        try (PlatformHarness platform = start(PortLimits.DEFAULTS)) {
            int port = platform.platform().port();
            for (String request : List.of("GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\nHost: x\r\n\r\n",
                    "GET /\u0001 HTTP/1.1\r\nHost: x\r\n\r\n",
                    "POST /2015-03-31/functions/echo/invocations HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                    "GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")) {
                RawHttp.Answer answer = RawHttp.exchange(port, request, DEADLINE);
                assertThat(answer.answered()).as(request).isTrue();
                assertThat(answer.leaksInternals()).as(answer.head() + answer.body()).isFalse();
                if (answer.status() != 0) {
                    assertAwsError(answer, answer.status() == 505 ? 505 : 400, "ValidationException");
                }
            }
        }
    }

    @Test
    void runtimeApiPort_refusesBadHeadsInItsOwnShape() throws Exception {
        try (PlatformHarness platform = start(PortLimits.DEFAULTS)) {
            platform.lambda().invoke(b -> b.functionName("echo").payload(SdkBytes.fromUtf8String("{}")));
            EnvironmentPool.EnvironmentView env = platform.environments("echo").getFirst();
            int port = Integer.parseInt(env.runtimeApi().substring(env.runtimeApi().lastIndexOf(':') + 1));

            RawHttp.Answer answer = RawHttp.exchange(port, "GET /2018-06-01/runtime/invocation/%2F HTTP/1.1\r\n"
                    + "Host: x\r\nConnection: close\r\n\r\n", DEADLINE);

            assertThat(answer.status()).as(answer.head()).isEqualTo(400);
            assertThat(answer.header("x-amzn-ErrorType")).isNull();
            assertThat(JSON.readTree(answer.body()).path("errorType").asText()).isEqualTo("InvalidRequest");
            assertThat(platform.lambda().invoke(b -> b.functionName("echo")
                    .payload(SdkBytes.fromUtf8String("{}"))).functionError()).isNull();
        }
    }

    @Test
    void connectionsPastAPortsCap_areClosed_andServedOnceOthersEnd() throws Exception {
        PortLimits limits = PortLimits.DEFAULTS.withConnections(4, 64).withHeaderDeadline(Duration.ofMinutes(5));
        try (PlatformHarness platform = start(limits)) {
            int port = platform.platform().port();
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    held.add(new Socket("127.0.0.1", port));
                }
                // Each held connection is counted once Jetty has accepted it; until then one more may slip in.
                try (Socket refused = new Socket("127.0.0.1", port)) {
                    Eventually.await("the fifth connection is closed by the platform", DEADLINE,
                            () -> closedByPeer(refused));
                }
                held.getFirst().close();
                Eventually.await("a connection is served once one of the four ended", DEADLINE, () -> {
                    try {
                        return RawHttp.exchange(port, get("/2015-03-31/functions/echo"), DEADLINE).status() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void connectionsPastARuntimeApiPortsCap_areClosed_andTheRuntimeStillServes() throws Exception {
        PortLimits limits = PortLimits.DEFAULTS.withConnections(4096, 3);
        try (PlatformHarness platform = start(limits)) {
            platform.lambda().invoke(b -> b.functionName("echo").payload(SdkBytes.fromUtf8String("{}")));
            Eventually.await("the runtime waits in /next again", DEADLINE, () ->
                    platform.environments("echo").getFirst().state() == EnvironmentState.IDLE);
            EnvironmentPool.EnvironmentView env = platform.environments("echo").getFirst();
            int port = Integer.parseInt(env.runtimeApi().substring(env.runtimeApi().lastIndexOf(':') + 1));
            List<Socket> held = new ArrayList<>();
            try {
                // The runtime's parked /next holds one of the three; the third of these finds none left.
                for (int i = 0; i < 3; i++) {
                    held.add(new Socket("127.0.0.1", port));
                }
                Eventually.await("a connection past the cap is closed by the platform", DEADLINE,
                        () -> held.stream().anyMatch(HostileRequestsTest::closedByPeer));
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
            assertThat(platform.lambda().invoke(b -> b.functionName("echo")
                    .payload(SdkBytes.fromUtf8String("{}"))).functionError()).isNull();
        }
    }

    @Test
    void aHeadSentByteByByte_isClosedAtTheDeadline_whileACompleteRequestsConnectionStays() throws Exception {
        PortLimits limits = PortLimits.DEFAULTS.withHeaderDeadline(Duration.ofSeconds(1));
        try (PlatformHarness platform = start(limits);
             Socket served = new Socket("127.0.0.1", platform.platform().port());
             Socket slow = new Socket("127.0.0.1", platform.platform().port())) {
            served.getOutputStream().write(get("/2015-03-31/functions/echo").replace("Connection: close\r\n", "")
                    .getBytes(StandardCharsets.ISO_8859_1));
            slow.getOutputStream().write("GET /2015-03-31/functions/echo HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
            long start = System.nanoTime();
            Eventually.await("the slow head's connection is closed", DEADLINE, () -> {
                try {
                    slow.getOutputStream().write('X');
                } catch (IOException e) {
                    return true;
                }
                return closedByPeer(slow);
            });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            // Past the deadline, the connection that sent a whole request in time is still served.
            served.getOutputStream().write(get("/2015-03-31/functions/echo").getBytes(StandardCharsets.ISO_8859_1));
            String answers = new String(served.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answers.split("HTTP/1.1 200", -1)).hasSize(3);
        }
    }

    /** Whether the peer has closed {@code socket}: a read sees the end (or a reset) instead of waiting. */
    static boolean closedByPeer(Socket socket) {
        try {
            socket.setSoTimeout(50);
            InputStream in = socket.getInputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
