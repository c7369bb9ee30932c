package dev.overtime.platform.runtimeapi;

import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static dev.overtime.platform.testing.TestFunctions.bootstrap;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each environment's Runtime API port, served by the public connector's selector: it reaches that
 * environment's Runtime and Extensions APIs and nothing else, and its connections end with it.
 */
class RuntimeApiPortsTest {

    private static final Duration T = Duration.ofSeconds(5);

    @TempDir
    Path data;
    @TempDir
    Path code;

    @Test
    void aRuntimePort_servesTheRuntimeApiOnly_neverThePublicDoors() throws Exception {
        FunctionDefinition echo = bootstrap(code, "echo", TestFunctions.ANSWERS_OK, T, null);
        try (PlatformHarness harness = PlatformHarness.start(data, echo);
             HttpClient http = HttpClient.newHttpClient()) {
            assertThat(harness.lambda().invoke(b -> b.functionName("echo")).functionError()).isNull();
            String runtimeApi = harness.environments("echo").getFirst().runtimeApi();

            HttpResponse<String> invoke = http.send(HttpRequest.newBuilder(URI.create("http://" + runtimeApi
                    + "/2015-03-31/functions/echo/invocations")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> environments = http.send(HttpRequest.newBuilder(URI.create("http://" + runtimeApi
                    + "/overtime/environments")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> nextOnPublicPort = http.send(HttpRequest.newBuilder(URI.create(harness.endpoint()
                    + "/2018-06-01/runtime/invocation/next")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(invoke.statusCode()).isEqualTo(404);
            assertThat(invoke.body()).doesNotContain("\"ok\"");
            assertThat(environments.statusCode()).isEqualTo(404);
            assertThat(nextOnPublicPort.statusCode()).isEqualTo(404);
            assertThat(nextOnPublicPort.body()).contains("Overtime serves no route");
        }
    }

    @Test
    void anEnvironmentsConnectionsAreClosed_whenItIsRetired() throws Exception {
        FunctionDefinition echo = bootstrap(code, "echo", TestFunctions.ANSWERS_OK, T, null);
        try (PlatformHarness harness = PlatformHarness.start(data, s -> s.withIdleTimeout(Duration.ofMillis(500)), echo)) {
            InvokeResponse first = harness.lambda().invoke(b -> b.functionName("echo"));
            assertThat(first.functionError()).isNull();
            String[] hostPort = harness.environments("echo").getFirst().runtimeApi().split(":");

            try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
                // A keep-alive connection that has already been served once, as a lingering process would hold.
                socket.getOutputStream().write(("GET /2018-06-01/runtime/invocation/not-a-route HTTP/1.1\r\n"
                        + "Host: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.setSoTimeout(10_000);
                InputStream in = socket.getInputStream();
                assertThat(readHead(in)).startsWith("HTTP/1.1 404");

                Eventually.await("the idle environment is retired", Duration.ofSeconds(10),
                        () -> harness.environments("echo").isEmpty());
                // The server closed it: the stream ends (a timeout here would fail the test).
                assertThat(in.readAllBytes()).isEmpty();
            }
        }
    }

    /** Reads the status line, headers and a Content-Length body of one response. */
    private static String readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        String text = head.toString();
        int at = text.toLowerCase().indexOf("content-length:");
        if (at >= 0) {
            int length = Integer.parseInt(text.substring(at + 15, text.indexOf("\r\n", at)).trim());
            in.readNBytes(length);
        }
        return text;
    }
}
