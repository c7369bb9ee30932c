package dev.overtime.platform.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.testfunctions.ClientContextEcho;
import dev.overtime.platform.testfunctions.Greeter;
import dev.overtime.platform.testfunctions.Thrower;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Invoke API as the AWS SDK for Java v2 sees it. */
class InvokeApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    static PlatformHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = PlatformHarness.start(data,
                TestFunctions.java("greeter", Greeter.class),
                TestFunctions.java("context-echo", ClientContextEcho.class),
                TestFunctions.java("thrower", Thrower.class),
                TestFunctions.java("stream-then-fail", dev.overtime.platform.testfunctions.StreamThenFail.class));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static InvokeResponse invoke(String function, String payload) {
        return harness.lambda().invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
    }

    private static JsonNode json(InvokeResponse response) throws Exception {
        return JSON.readTree(response.payload().asUtf8String());
    }

    @Test
    void invoke_requestResponse_returnsTheHandlersResult() throws Exception {
        InvokeResponse response = invoke("greeter", "{\"name\":\"Ada\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
        assertThat(response.executedVersion()).isEqualTo("$LATEST");
        JsonNode body = json(response);
        assertThat(body.get("message").asText()).isEqualTo("Hello, Ada!");
        assertThat(body.get("functionArn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:greeter");
        assertThat(body.get("remainingMillis").asLong()).isBetween(1L, 10_000L);
    }

    @Test
    void invoke_byArnAndLatestQualifier_reachesTheSameFunction() throws Exception {
        InvokeResponse byArn = invoke("arn:aws:lambda:us-east-1:123456789012:function:greeter", "{\"name\":\"Arn\"}");
        InvokeResponse byQualifier = harness.lambda().invoke(r -> r.functionName("greeter").qualifier("$LATEST")
                .payload(SdkBytes.fromUtf8String("{\"name\":\"Q\"}")));

        assertThat(json(byArn).get("message").asText()).isEqualTo("Hello, Arn!");
        assertThat(json(byQualifier).get("functionArn").asText()).endsWith("function:greeter:$LATEST");
    }

    @Test
    void invoke_emptyPayload_deliversAnEmptyObject() throws Exception {
        InvokeResponse response = harness.lambda().invoke(r -> r.functionName("greeter"));

        assertThat(json(response).get("message").asText()).isEqualTo("Hello, world!");
    }

    @Test
    void invoke_dryRun_answers204WithoutRunningTheFunction() {
        InvokeResponse response = harness.lambda().invoke(r -> r.functionName("thrower")
                .invocationType(InvocationType.DRY_RUN).payload(SdkBytes.fromUtf8String("{}")));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.functionError()).isNull();
        assertThat(harness.environments("thrower")).isEmpty();
    }

    @Test
    void invoke_withLogTail_returnsTheInvocationsLogFromStartToReport() {
        InvokeResponse response = harness.lambda().invoke(r -> r.functionName("greeter").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"name\":\"Tail\"}")));

        String log = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        assertThat(log).startsWith("START RequestId: ")
                .contains("greeting Tail")
                .contains("END RequestId: ")
                .containsPattern("REPORT RequestId: \\S+\tDuration: [0-9.]+ ms\tBilled Duration: \\d+ ms\t"
                        + "Memory Size: 256 MB\tMax Memory Used: \\d+ MB");
        assertThat(log.indexOf("greeting Tail")).isLessThan(log.indexOf("END RequestId"));
    }

    @Test
    void invoke_withClientContext_handlerSeesIt() throws Exception {
        String context = "{\"client\":{\"app_title\":\"Overtime tests\"},\"custom\":{\"tenant\":\"acme\"}}";
        InvokeResponse response = harness.lambda().invoke(r -> r.functionName("context-echo")
                .clientContext(Base64.getEncoder().encodeToString(context.getBytes(StandardCharsets.UTF_8)))
                .payload(SdkBytes.fromUtf8String("{}")));

        JsonNode body = json(response);
        assertThat(body.get("custom").get("tenant").asText()).isEqualTo("acme");
        assertThat(body.get("appTitle").asText()).isEqualTo("Overtime tests");
    }

    @Test
    void invoke_withClientContextNotBase64Json_isRejected() {
        assertThatThrownBy(() -> harness.lambda().invoke(r -> r.functionName("context-echo")
                .clientContext("not base64 json!").payload(SdkBytes.fromUtf8String("{}"))))
                .isInstanceOf(InvalidRequestContentException.class)
                .hasMessageContaining("Client context must be a valid Base64-encoded JSON object");
    }

    @Test
    void invoke_whenHandlerThrows_answers200WithUnhandledFunctionError() throws Exception {
        InvokeResponse response = invoke("thrower", "{\"value\":42}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode body = json(response);
        assertThat(body.get("errorType").asText()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(body.get("errorMessage").asText()).isEqualTo("bad input: 42");
        assertThat(body.get("stackTrace").isArray()).isTrue();
    }

    @Test
    void invoke_whenAStreamFailsMidway_theTrailerErrorReachesTheCaller() throws Exception {
        InvokeResponse response = invoke("stream-then-fail", "{\"after\":\"one line\"}");

        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode body = json(response);
        assertThat(body.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(body.get("errorMessage").asText()).isEqualTo("failed after one line");
    }

    @Test
    void invoke_unknownFunction_isResourceNotFound() {
        assertThatThrownBy(() -> invoke("nobody", "{}"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Function not found: arn:aws:lambda:us-east-1:123456789012:function:nobody")
                .satisfies(e -> assertThat(((ResourceNotFoundException) e).statusCode()).isEqualTo(404));
    }

    @Test
    void invoke_unpublishedQualifier_isResourceNotFound() {
        assertThatThrownBy(() -> harness.lambda().invoke(r -> r.functionName("greeter").qualifier("7")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("function:greeter:7");
    }

    @Test
    void invoke_payloadNotJson_isInvalidRequestContent() {
        assertThatThrownBy(() -> invoke("greeter", "{\"name\": oops"))
                .isInstanceOf(InvalidRequestContentException.class)
                .hasMessageContaining("Could not parse request body into json")
                .satisfies(e -> assertThat(((InvalidRequestContentException) e).statusCode()).isEqualTo(400));
    }

    @Test
    void invoke_payloadOver6MB_isRequestTooLarge() {
        byte[] big = new byte[6 * 1024 * 1024 + 10];
        Arrays.fill(big, (byte) ' ');
        big[0] = '"';
        big[big.length - 1] = '"';

        assertThatThrownBy(() -> harness.lambda().invoke(r -> r.functionName("greeter")
                .payload(SdkBytes.fromByteArray(big))))
                .isInstanceOf(RequestTooLargeException.class)
                .satisfies(e -> assertThat(((RequestTooLargeException) e).statusCode()).isEqualTo(413));
    }

    @Test
    void invoke_event_isAcceptedWith202AndAnEmptyBody() {
        InvokeResponse response = harness.lambda().invoke(r -> r.functionName("greeter")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{\"name\":\"later\"}")));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.payload().asByteArray()).isEmpty();
        assertThat(response.responseMetadata().requestId()).hasSize(36);
    }

    @Test
    void getFunction_reportsConfigurationAsTheTemplateDeclaresIt() {
        GetFunctionResponse function = harness.lambda().getFunction(r -> r.functionName("greeter"));
        FunctionConfiguration config = function.configuration();

        assertThat(config.functionName()).isEqualTo("greeter");
        assertThat(config.runtimeAsString()).isEqualTo("java21");
        assertThat(config.handler()).isEqualTo(Greeter.class.getName());
        assertThat(config.timeout()).isEqualTo(10);
        assertThat(config.memorySize()).isEqualTo(256);
        assertThat(config.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:greeter");
        assertThat(config.codeSha256()).isNotBlank();
        assertThat(harness.lambda().getFunctionConfiguration(r -> r.functionName("greeter")).handler())
                .isEqualTo(Greeter.class.getName());
    }

    @Test
    void listFunctions_listsEveryServedFunction() {
        assertThat(harness.lambda().listFunctions().functions())
                .extracting(FunctionConfiguration::functionName)
                .containsExactly("greeter", "context-echo", "thrower", "stream-then-fail");
        assertThat(harness.lambda().listFunctionsPaginator(r -> r.maxItems(1)).functions())
                .extracting(FunctionConfiguration::functionName)
                .containsExactly("greeter", "context-echo", "thrower", "stream-then-fail");
    }
}
