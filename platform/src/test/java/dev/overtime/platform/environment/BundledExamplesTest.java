package dev.overtime.platform.environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.TemplateContext;
import dev.overtime.platform.template.TemplateLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Files;
import java.io.IOException;
import java.time.Duration;
import java.util.stream.Stream;
import dev.overtime.platform.async.AsyncSettings;
import dev.overtime.platform.testing.Eventually;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command serves examples/template.yaml: every runtime family in it answers. */
class BundledExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    static Platform platform;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        Path examples = Path.of("../examples/template.yaml");
        LoadedTemplate template = TemplateLoader.load(examples, Map.of(), TemplateContext.defaultsFor(examples));
        // The template's retry delay is AWS's minute; the test shortens it, as the delays are configuration.
        platform = Platform.start(new PlatformConfig("127.0.0.1", 0, EnvironmentSettings.defaults(data).withEcho(false),
                        AsyncSettings.defaults().withRetryDelays(Duration.ofMillis(100), Duration.ofMillis(100))),
                template.functions(), template.functionUrls(), template.eventInvokeConfigs(), template.versioning(), template.apis());
        lambda = LambdaClient.builder().endpointOverride(platform.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @AfterAll
    static void stop() {
        lambda.close();
        platform.close();
    }

    private static InvokeResponse invoke(String name, String payload) {
        return lambda.invoke(r -> r.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(payload)));
    }

    private static String log(InvokeResponse r) {
        return new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
    }

    @Test
    void javaWebAppExample_answersThroughTheHttpApiAndTheWebAdapter() throws Exception {
        String api = platform.apis().stream().filter(a -> a.definition().routes().stream()
                        .anyMatch(r -> r.path().startsWith("/web/"))).findFirst().orElseThrow().url();
        java.net.http.HttpResponse<String> hello = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(api + "/web/hello/Ada")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(hello.statusCode()).as(hello.body()).isEqualTo(200);
        assertThat(JSON.readTree(hello.body()).path("message").asText()).contains("Ada");
    }

    @Test
    void nodeSseExample_streamsItsEventsThroughItsFunctionUrl() throws Exception {
        String url = platform.functionUrl("web-sse-node").orElseThrow();
        java.net.http.HttpResponse<java.util.stream.Stream<String>> events = java.net.http.HttpClient.newHttpClient()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "events")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(events.body().filter(line -> line.startsWith("data:")).count()).isEqualTo(10);
    }

    @Test
    void javaExample_greets() throws Exception {
        InvokeResponse r = invoke("hello-java", "{\"name\":\"Ada\"}");

        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        assertThat(JSON.readTree(r.payload().asUtf8String()).get("message").asText()).contains("Ada");
        assertThat(log(r)).contains("REPORT RequestId").contains("Init Duration");
    }

    @Test
    void javaBeanExample_greetsThroughAwssSerializer() throws Exception {
        InvokeResponse r = invoke("hello-bean-java", "{\"name\":\"Grace\"}");

        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        JsonNode greeting = JSON.readTree(r.payload().asUtf8String());
        assertThat(greeting.get("message").asText()).isEqualTo("Hello, Grace!");
        assertThat(greeting.get("requestId").asText()).isNotEmpty();
    }

    @Test
    void javaStreamHandlerExample_echoesItsEvent() throws Exception {
        InvokeResponse r = invoke("echo-java", "{\"ping\":[1,2,3]}");

        assertThat(JSON.readTree(r.payload().asUtf8String())).isEqualTo(JSON.readTree("{\"ping\":[1,2,3]}"));
    }

    @Test
    void javaFailingExample_isAFunctionError() throws Exception {
        InvokeResponse r = invoke("fail-java", "{}");

        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(JSON.readTree(r.payload().asUtf8String()).get("errorType").asText())
                .isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void failingExampleInvokedAsynchronously_isRetriedOnceThenAuditedByTheNodeExample() throws Exception {
        InvokeResponse r = lambda.invoke(b -> b.functionName("fail-java").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"order\":42}")));
        String requestId = r.responseMetadata().requestId();

        assertThat(r.statusCode()).isEqualTo(202);
        Eventually.await("audit-node printed the failure record", Duration.ofSeconds(60),
                () -> auditLog().contains("RetriesExhausted for " + requestId + " after 2 attempt(s)"));
        assertThat(auditLog()).contains("attempt(s): {\"errorMessage\":");
    }

    private static String auditLog() {
        return logsOf("audit-node");
    }

    private static String logsOf(String function) {
        Path logs = data.resolve("logs").resolve(function);
        if (!Files.isDirectory(logs)) {
            return "";
        }
        try (Stream<Path> files = Files.list(logs)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
            return all.toString();
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void javaStreamingExample_isCollectedByTheBufferedInvokeApi() {
        InvokeResponse r = invoke("countdown-java", "{}");

        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        assertThat(r.payload().asUtf8String()).isEqualTo("3\n2\n1\nliftoff\n");
    }

    @Test
    void afterResponseExample_answers() {
        // How soon, and what the environment does meanwhile, is environment/AfterResponseTest's business.
        InvokeResponse r = invoke("after-response-java", "{}");

        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        assertThat(r.payload().asUtf8String()).contains("Answered");
    }

    @Test
    void streamThenWorkExample_answersAndLogsItsWorkAfterTheStream() {
        InvokeResponse r = invoke("stream-then-work-java", "{}");

        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        assertThat(r.payload().asUtf8String()).isEqualTo("Answered; the slow part runs after this stream ends.\n");
        Eventually.await("stream-then-work-java logged its work", Duration.ofSeconds(20),
                () -> logsOf("stream-then-work-java").contains("Work after the stream done"));
    }

    @Test
    void extensionWorkExample_answersAndItsExtensionDoesTheSlowPart() throws Exception {
        InvokeResponse r = invoke("extension-work-java", "{}");

        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        assertThat(JSON.readTree(r.payload().asUtf8String()).get("message").asText()).contains("internal extension");
        Eventually.await("extension-work-java's extension logged its work", Duration.ofSeconds(20),
                () -> logsOf("extension-work-java").contains("slow part of " + r.responseMetadata().requestId()));
    }

    @Test
    void nodeStreamThenWorkExample_answersAndLogsItsWorkAfterTheStream() {
        InvokeResponse r = invoke("stream-then-work-node", "{}");

        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        assertThat(r.payload().asUtf8String()).isEqualTo("Answered; the slow part runs after this stream ends.\n");
        Eventually.await("stream-then-work-node logged its work", Duration.ofSeconds(20),
                () -> logsOf("stream-then-work-node").contains("Work after the stream done"));
    }

    @Test
    void handoffExample_answersAndTheSlowPartRunsAsAQueuedEvent() throws Exception {
        InvokeResponse r = invoke("handoff-java", "{}");

        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        String queuedAs = JSON.readTree(r.payload().asUtf8String()).get("handedOffAs").asText();
        assertThat(queuedAs).hasSize(36);
        Eventually.await("slow-part-java ran the handed-off event", Duration.ofSeconds(60),
                () -> logsOf("slow-part-java").contains("Slow part done for {requestedBy=" + r.responseMetadata().requestId()));
        assertThat(logsOf("slow-part-java")).contains("START RequestId: " + queuedAs);
    }

    @Test
    void shellExample_echoesItsEvent() throws Exception {
        InvokeResponse r = invoke("hello-shell", "{\"from\":\"bash\"}");

        JsonNode body = JSON.readTree(r.payload().asUtf8String());
        assertThat(r.functionError()).as(body.toString()).isNull();
        assertThat(body.toString()).contains("bash");
    }

    @Test
    void nodeExample_greetsAndLogsInLambdasFormat() throws Exception {
        InvokeResponse r = invoke("hello-node", "{\"name\":\"Grace\"}");

        JsonNode body = JSON.readTree(r.payload().asUtf8String());
        assertThat(r.functionError()).as(body.toString()).isNull();
        assertThat(body.get("message").asText()).contains("Grace");
        assertThat(body.get("requestId").asText()).hasSize(36);
        assertThat(log(r)).containsPattern("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\t[0-9a-f-]{36}\tINFO\t");
    }
}
