package dev.overtime.platform.webapps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.apigateway.ServedApi;
import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.template.LoadedTemplate;
import dev.overtime.platform.template.TemplateContext;
import dev.overtime.platform.template.TemplateLoader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * A template written for AWS Lambda Web Adapter ({@code src/test/resources/web-apps/lwa-node}: the public layer
 * ARN, {@code AWS_LAMBDA_EXEC_WRAPPER=/opt/bootstrap}, {@code run.sh} starting a plain Node {@code http} server),
 * run unchanged on {@code nodejs20.x} and {@code provided.al2023}, through Overtime's own adapter.
 *
 * <p>Needs the adapter in the platform's jar ({@code overtime/overtime-web-adapter.jar}, from the
 * {@code web-adapter} module) and {@code node}; skipped without the adapter. Run alone with
 * {@code ./mvnw -B -ntp -o -pl platform -am -Dtest='WebAdapterEndToEndTest' -Dsurefire.failIfNoSpecifiedTests=false verify}.
 */
@Tag("web-adapter")
abstract class WebAdapterEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEMPLATE = Path.of("src/test/resources/web-apps/lwa-node");

    @TempDir
    static Path dir;

    private static Platform platform;
    private static HttpClient http;
    private static LambdaClient lambda;

    /** Serves the template with the adapter hosted in the platform, or as an extension process of its own. */
    static void start(boolean hostedAdapter) throws Exception {
        assumeTrue(hostedAdapter
                        || WebAdapterEndToEndTest.class.getResource("/overtime/overtime-web-adapter.jar") != null,
                "this build has no web adapter (overtime/overtime-web-adapter.jar)");
        // Copied, so that run.sh is executable whatever the checkout did to its mode.
        Path app = dir.resolve("lwa-node");
        try (Stream<Path> files = Files.walk(TEMPLATE)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = app.resolve(TEMPLATE.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        Files.setPosixFilePermissions(app.resolve("app/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        LoadedTemplate loaded = TemplateLoader.load(app.resolve("template.yaml"), Map.of(),
                new TemplateContext("us-east-1", TemplateContext.DEFAULT_ACCOUNT_ID, "lwa-node"));
        assertThat(loaded.warnings()).isEmpty();
        platform = Platform.start(new PlatformConfig("127.0.0.1", 0,
                        EnvironmentSettings.defaults(dir.resolve("data")).withEcho(false)
                                .withHostedWebAdapter(hostedAdapter)),
                loaded.functions(), loaded.functionUrls(), loaded.eventInvokeConfigs(), loaded.versioning(),
                loaded.apis(), loaded.graphQlApis());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
        lambda = LambdaClient.builder().endpointOverride(platform.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @AfterAll
    static void stop() {
        if (lambda != null) {
            lambda.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"NodeWebApp", "ProvidedWebApp"})
    void bufferedUrl_servesTheApp(String function) throws Exception {
        HttpResponse<String> response = get(url(function) + "/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello from node");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NodeWebApp", "ProvidedWebApp"})
    void bufferedUrl_roundTripsBinaryBigAndTeapotResponses(String function) throws Exception {
        HttpResponse<byte[]> binary = http.send(HttpRequest.newBuilder(URI.create(url(function) + "/binary")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        assertThat(binary.body()).isEqualTo(all);

        byte[] megabyte = new byte[1024 * 1024];
        new Random(19).nextBytes(megabyte);
        HttpResponse<byte[]> echoed = http.send(HttpRequest.newBuilder(URI.create(url(function) + "/echo-body"))
                .header("content-type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(megabyte)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.body()).isEqualTo(megabyte);

        HttpResponse<String> big = get(url(function) + "/big");
        assertThat(big.body()).hasSize(1024 * 1024).matches("x+");

        HttpResponse<String> teapot = get(url(function) + "/teapot");
        assertThat(teapot.statusCode()).isEqualTo(418);
        assertThat(teapot.body()).isEqualTo("I'm a teapot");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NodeWebApp", "ProvidedWebApp"})
    void bufferedUrl_keepsTwoSetCookiesAndMultiValueHeaders(String function) throws Exception {
        HttpResponse<String> cookies = get(url(function) + "/cookies");

        assertThat(cookies.headers().allValues("set-cookie"))
                .containsExactlyInAnyOrder("session=abc; Path=/; HttpOnly", "theme=dark; Path=/");
        assertThat(String.join(",", cookies.headers().allValues("x-multi")).replace(" ", "")).isEqualTo("a,b");

        HttpResponse<String> echo = http.send(HttpRequest.newBuilder(URI.create(url(function) + "/echo?q=1&q=2"))
                .header("x-multi", "a").header("x-multi", "b").header("cookie", "one=1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"hello\":\"node\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode seen = JSON.readTree(echo.body());
        assertThat(seen.path("method").asText()).isEqualTo("POST");
        assertThat(seen.path("query").asText()).isEqualTo("?q=1&q=2");
        assertThat(seen.path("headers").path("x-multi").asText().replace(" ", "")).isEqualTo("a,b");
        assertThat(seen.path("headers").path("cookie").asText()).isEqualTo("one=1");
        assertThat(seen.path("headers").has("x-amzn-request-context")).isTrue();
        assertThat(new String(java.util.Base64.getDecoder().decode(seen.path("body").asText()), StandardCharsets.UTF_8))
                .isEqualTo("{\"hello\":\"node\"}");
    }

    @Test
    void streamedUrl_deliversServerSentEventsAsTheAppSendsThem() throws Exception {
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(
                URI.create(url("StreamingWebApp") + "/sse")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        List<JsonNode> events = new ArrayList<>();
        long firstArrival = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("data: ")) {
                    if (events.isEmpty()) {
                        firstArrival = System.currentTimeMillis();
                    }
                    events.add(JSON.readTree(line.substring("data: ".length())));
                }
            }
        }

        assertThat(events).extracting(e -> e.path("n").asInt()).containsExactly(1, 2, 3, 4, 5);
        assertThat(firstArrival).as("the first event arrives before the app sends the last")
                .isLessThan(events.getLast().path("sentAt").asLong());
    }

    @Test
    void httpApiRoute_reachesTheApp() throws Exception {
        ServedApi api = platform.apis().iterator().next();

        HttpResponse<String> response = get(api.url() + "/echo?from=api");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode seen = JSON.readTree(response.body());
        assertThat(seen.path("path").asText()).isEqualTo("/echo");
        assertThat(seen.path("query").asText()).isEqualTo("?from=api");
    }

    @Test
    void nonHttpEvent_isPostedToThePassThroughPath() throws Exception {
        InvokeResponse response = lambda.invoke(b -> b.functionName("NodeWebApp")
                .payload(SdkBytes.fromUtf8String("{\"job\":\"resize\",\"id\":7}")));

        assertThat(response.functionError()).isNull();
        assertThat(JSON.readTree(response.payload().asByteArray()))
                .isEqualTo(JSON.readTree("{\"passedThrough\":{\"job\":\"resize\",\"id\":7}}"));
    }

    @Test
    void readiness_appHealthyAfterOneSecond_getsNoRequestBefore() throws Exception {
        HttpResponse<String> response = get(url("SlowStartWebApp") + "/stats");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode stats = JSON.readTree(response.body());
        assertThat(stats.path("healthyAt").asLong()).isGreaterThanOrEqualTo(stats.path("startedAt").asLong() + 1000);
        assertThat(stats.path("firstRequestAt").asLong()).isGreaterThanOrEqualTo(stats.path("healthyAt").asLong());
    }

    @Test
    void asyncInit_appReadyAfterTheInitTimeout_stillAnswersItsFirstRequest() throws Exception {
        HttpResponse<String> response = get(url("AsyncInitWebApp") + "/stats");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode stats = JSON.readTree(response.body());
        assertThat(stats.path("healthyAt").asLong()).isGreaterThanOrEqualTo(stats.path("startedAt").asLong() + 12_000);
        assertThat(stats.path("firstRequestAt").asLong()).isGreaterThanOrEqualTo(stats.path("healthyAt").asLong());
    }

    @Test
    void environments_ofOneFunction_listenOnPortsOfTheirOwn() throws Exception {
        HttpResponse<String> response = get(url("ProvidedWebApp") + "/stats");

        assertThat(JSON.readTree(response.body()).path("port").asText()).isNotEqualTo("8080").matches("\\d+");
    }

    @Test
    void appThatExitsAfterAnswering_isReplaced_andTheNextRequestReachesANewApp() throws Exception {
        long before = JSON.readTree(get(url("ExitingWebApp") + "/stats").body()).path("pid").asLong();
        var pool = platform.functions().find("ExitingWebApp").orElseThrow().latest().pool();
        List<String> serving = pool.describe().stream().map(env -> env.id()).toList();
        assertThat(serving).hasSize(1);

        HttpResponse<String> bye = get(url("ExitingWebApp") + "/exit");
        assertThat(bye.body()).isEqualTo("bye");
        // The next request must not race the exit: it would find the old environment still listed.
        Eventually.await("the exited app's environment to be gone", Duration.ofSeconds(30),
                () -> pool.describe().stream().noneMatch(env -> serving.contains(env.id())));
        long after = JSON.readTree(get(url("ExitingWebApp") + "/stats").body()).path("pid").asLong();

        assertThat(after).isPositive().isNotEqualTo(before);
    }

    static String url(String function) {
        String url = platform.functionUrl(function).orElseThrow();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
