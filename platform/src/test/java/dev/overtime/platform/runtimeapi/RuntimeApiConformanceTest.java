package dev.overtime.platform.runtimeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;


import static dev.overtime.platform.testing.TestFunctions.bootstrap;
import static dev.overtime.platform.testing.TestFunctions.loop;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Runtime API against runtimes that misbehave, written as shell bootstraps with curl as AWS's
 * custom-runtime tutorial does. Each misbehaviour gets AWS's error and leaves the platform serving.
 */
class RuntimeApiConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration T = Duration.ofSeconds(5);

    @TempDir
    static Path data;
    @TempDir
    static Path code;
    static PlatformHarness harness;

    @BeforeAll
    static void start() throws Exception {
        FunctionDefinition notExecutable = bootstrap(code, "not-executable", "exit 0\n", T, null);
        Files.setPosixFilePermissions(notExecutable.code().resolve("bootstrap"), PosixFilePermissions.fromString("rw-r--r--"));
        harness = PlatformHarness.start(data, s -> s.withInitTimeout(Duration.ofSeconds(2)),
                bootstrap(code, "headers", loop("""
                          BODY=$(tr -d '\\r' < "$HEADERS" | grep -i '^lambda-runtime-' | sed 's/"/\\\\"/g' | awk '{printf "%s\\\\n", $0}')
                          curl -sS -X POST "$API/invocation/$ID/response" -d "{\\"headers\\":\\"$BODY\\",\\"event\\":$EVENT}" >/dev/null
                        """), T, null),
                bootstrap(code, "wrong-id", loop("""
                          OUT=$(curl -sS -w ' %{http_code}' -X POST "$API/invocation/not-a-real-id/response" -d '{}')
                          curl -sS -X POST "$API/invocation/$ID/response" -d "{\\"status\\":${OUT##* },\\"body\\":${OUT% *}}" >/dev/null
                        """), T, null),
                bootstrap(code, "twice", loop("""
                          curl -sS -X POST "$API/invocation/$ID/response" -d '{"answer":1}' >/dev/null
                          echo "second: $(curl -sS -w ' %{http_code}' -X POST "$API/invocation/$ID/response" -d '{"answer":2}')"
                        """), T, null),
                bootstrap(code, "silent", loop("  : # never answers\n"), Duration.ofSeconds(1), null),
                bootstrap(code, "error-post", loop("""
                          curl -sS -X POST "$API/invocation/$ID/error" -H 'Lambda-Runtime-Function-Error-Type: Function.Kaboom' \\
                            -d '{"errorMessage":"it broke","errorType":"Kaboom","stackTrace":["a","b"]}' >/dev/null
                        """), T, null),
                bootstrap(code, "oversized", loop("""
                          head -c 6291600 /dev/zero | tr '\\0' 'x' > big
                          echo "runtime saw: $(curl -sS -w ' %{http_code}' -X POST "$API/invocation/$ID/response" --data-binary @big)"
                        """), T, null),
                bootstrap(code, "bad-mode", loop("""
                          echo "runtime saw: $(curl -sS -w ' %{http_code}' -X POST "$API/invocation/$ID/response" \\
                            -H 'Lambda-Runtime-Function-Response-Mode: buffered' -d '{}')"
                        """), T, null),
                bootstrap(code, "init-error", """
                        curl -sS -X POST "$API/init/error" -H 'Lambda-Runtime-Function-Error-Type: Runtime.ConfigError' \\
                          -d '{"errorMessage":"missing DATABASE_URL","errorType":"Runtime.ConfigError"}' >/dev/null
                        exit 1
                        """, T, null),
                bootstrap(code, "dies-at-init", "exit 7\n", T, null),
                bootstrap(code, "never-ready", "exec sleep 60\n", T, null),
                notExecutable);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static InvokeResponse invoke(String function, String payload) {
        return harness.lambda().invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
    }

    private static JsonNode body(InvokeResponse r) throws Exception {
        return JSON.readTree(r.payload().asUtf8String());
    }

    private static String tail(String function, String payload) {
        InvokeResponse r = harness.lambda().invoke(b -> b.functionName(function).logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String(payload)));
        return new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
    }

    @Test
    void next_deliversEveryLambdaRuntimeHeader() throws Exception {
        JsonNode body = body(harness.lambda().invoke(r -> r.functionName("headers")
                .clientContext(Base64.getEncoder().encodeToString("{\"custom\":{\"k\":\"v\"}}".getBytes()))
                .payload(SdkBytes.fromUtf8String("{\"n\":1}"))));

        String headers = body.get("headers").asText().toLowerCase();
        assertThat(headers).containsPattern("lambda-runtime-aws-request-id: [0-9a-f-]{36}")
                .containsPattern("lambda-runtime-deadline-ms: \\d{13}")
                .contains("lambda-runtime-invoked-function-arn: arn:aws:lambda:us-east-1:123456789012:function:headers")
                .contains("lambda-runtime-trace-id: root=1-")
                .contains("lambda-runtime-client-context: {\"custom\":{\"k\":\"v\"}}");
        assertThat(body.get("event").get("n").asInt()).isEqualTo(1);
    }

    @Test
    void response_withUnknownRequestId_is400InvalidRequestID() throws Exception {
        JsonNode body = body(invoke("wrong-id", "{}"));

        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("body").get("errorType").asText()).isEqualTo("InvalidRequestID");
    }

    @Test
    void response_postedTwice_secondIs403AndCallerKeepsTheFirst() throws Exception {
        InvokeResponse first = harness.lambda().invoke(r -> r.functionName("twice").logType(LogType.TAIL));

        assertThat(body(first).get("answer").asInt()).isEqualTo(1);
        String log = new String(Base64.getDecoder().decode(first.logResult()), StandardCharsets.UTF_8);
        assertThat(log).contains("second: {\"errorMessage\"").contains("InvalidStateTransition").contains(" 403");
    }

    @Test
    void runtimeThatNeverAnswers_timesOutAndTheNextInvokeGetsAFreshEnvironment() throws Exception {
        InvokeResponse first = invoke("silent", "{}");
        assertThat(first.functionError()).isEqualTo("Unhandled");
        assertThat(body(first).get("errorType").asText()).isEqualTo("Sandbox.Timedout");

        InvokeResponse second = invoke("silent", "{}");
        assertThat(body(second).get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(harness.environments("silent")).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void error_postedByRuntime_reachesTheCallerAsItWasSent() throws Exception {
        InvokeResponse r = invoke("error-post", "{}");

        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(body(r).get("errorMessage").asText()).isEqualTo("it broke");
        assertThat(body(r).get("stackTrace")).hasSize(2);
    }

    @Test
    void response_over6MiB_is413ForTheRuntimeAndResponseSizeTooLargeForTheCaller() throws Exception {
        InvokeResponse r = harness.lambda().invoke(b -> b.functionName("oversized").logType(LogType.TAIL));

        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(body(r).get("errorType").asText()).isEqualTo("Function.ResponseSizeTooLarge");
        assertThat(body(r).get("errorMessage").asText()).contains("(6291600 bytes)").contains("(6291556 bytes)");
        String log = new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
        assertThat(log).contains("RequestEntityTooLarge").contains(" 413");
    }

    @Test
    void response_withUnknownResponseMode_is400AndTheCallerSeesInvalidResponseModeHeader() throws Exception {
        InvokeResponse r = harness.lambda().invoke(b -> b.functionName("bad-mode").logType(LogType.TAIL));

        assertThat(body(r).get("errorType").asText()).isEqualTo("Runtime.InvalidResponseModeHeader");
        String log = new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
        assertThat(log).contains("InvalidFunctionResponseMode").contains(" 400");
    }

    @Test
    void initError_isServedToTheInvocationThatWaitedForIt() throws Exception {
        InvokeResponse r = invoke("init-error", "{}");

        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(body(r).get("errorType").asText()).isEqualTo("Runtime.ConfigError");
        assertThat(body(r).get("errorMessage").asText()).isEqualTo("missing DATABASE_URL");
    }

    @Test
    void runtimeThatExitsDuringInit_givesRuntimeExitError() throws Exception {
        InvokeResponse r = invoke("dies-at-init", "{}");

        assertThat(body(r).get("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(body(r).get("errorMessage").asText()).contains("exit status 7");
    }

    @Test
    void runtimeThatNeverAsksForAnEvent_failsAfterTheInitTimeout() throws Exception {
        InvokeResponse r = invoke("never-ready", "{}");

        assertThat(body(r).get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(body(r).get("errorMessage").asText()).contains("Init timed out after 2.00 seconds");
    }

    @Test
    void bootstrapNotExecutable_givesInvalidEntrypointSayingHowToFixIt() throws Exception {
        InvokeResponse r = invoke("not-executable", "{}");

        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(body(r).get("errorType").asText()).isEqualTo("Runtime.InvalidEntrypoint");
        assertThat(body(r).get("errorMessage").asText()).contains("permission denied").contains("chmod +x");
    }

    @Test
    void malformedHttp_onThePublicPort_is400AndThePlatformKeepsServing() throws Exception {
        String answer = rawExchange(harness.platform().port(), "THIS IS NOT HTTP\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(body(invoke("headers", "{}")).has("event")).isTrue();
    }

    @Test
    void malformedHttp_onARuntimeApiPort_is400AndTheEnvironmentKeepsServing() throws Exception {
        invoke("headers", "{}");
        String address = harness.environments("headers").getFirst().runtimeApi();
        int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));

        assertThat(rawExchange(port, "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nContent-Length: x\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
        assertThat(rawExchange(port, "POST /2018-06-01/runtime/invocation/abc/response HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}")).startsWith("HTTP/1.1 400").contains("InvalidRequestID");
        assertThat(body(invoke("headers", "{}")).has("event")).isTrue();
    }

    private static String rawExchange(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int n = in.read(buffer);
            return n <= 0 ? "" : new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        }
    }

}
