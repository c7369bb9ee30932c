package dev.overtime.platform.apigateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.testfunctions.ApiRecorder;
import dev.overtime.platform.testfunctions.FileGate;
import dev.overtime.platform.testfunctions.SimpleAuthorizer;
import dev.overtime.platform.testfunctions.TokenAuthorizer;
import dev.overtime.platform.testfunctions.UrlStreamer;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** REST and HTTP APIs in front of real functions, called over real HTTP. */
class ApiGatewayDoorTest {

    static final String SEED_TEMPLATE = """
            #set( $meta = $input.path("$.meta") )
            #if( $meta.containsKey("async") && $meta["async"].equals(true) )
            #set( $context.requestOverride.header["X-Amz-Invocation-Type"] = "Event" )
            #end
            ${input.json("$")}""";
    static final String SEED_MODEL = """
            {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object", "required": ["meta"],
             "properties": {
              "meta" : { "type" : "object", "required" : [ "clientRequestId" ], "additionalProperties" : false,
                "properties" : { "async" : { "type" : [ "boolean" ] },
                                 "clientRequestId" : { "type" : [ "string" ], "format" : "guid" } } } } }""";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static Path records;
    static Platform platform;
    static ApiDefinition rest;
    static ApiDefinition http;

    @BeforeAll
    static void start() throws Exception {
        records = Files.createDirectories(dir.resolve("records"));
        FunctionDefinition recorder = TestFunctions.java("recorder", ApiRecorder.class.getName(),
                Duration.ofSeconds(10), null, Map.of("RECORD_DIR", records.toString()));
        FunctionDefinition proxyRecorder = TestFunctions.java("proxy-recorder", ApiRecorder.class.getName(),
                Duration.ofSeconds(10), null, Map.of("RECORD_DIR", records.toString(), "PROXY", "true"));
        FunctionDefinition authorizer = TestFunctions.java("tokens", TokenAuthorizer.class.getName(),
                Duration.ofSeconds(10), null, Map.of());
        FunctionDefinition streamer = TestFunctions.java("streamer", UrlStreamer.class.getName(),
                Duration.ofSeconds(10), null, Map.of());
        FunctionDefinition simple = TestFunctions.java("simple", SimpleAuthorizer.class.getName(),
                Duration.ofSeconds(10), null, Map.of());
        FunctionDefinition gate = TestFunctions.java("gate", FileGate.class.getName(),
                Duration.ofSeconds(30), null, Map.of());
        rest = restApi();
        http = httpApi();
        PlatformConfig config = new PlatformConfig("127.0.0.1", 0, EnvironmentSettings.defaults(dir.resolve("data"))
                .withEcho(false)).withConsole(new PrintStream(new ByteArrayOutputStream()));
        platform = Platform.start(config, List.of(recorder, proxyRecorder, authorizer, streamer, simple, gate), List.of(), Map.of(), Map.of(),
                List.of(rest, http));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static Integration aws(String function, Map<String, String> parameters, Map<String, String> templates,
                                   List<Integration.IntegrationResponse> responses) {
        return new Integration(Integration.IntegrationType.AWS, function, null, null, parameters, templates, null,
                responses, null, false);
    }

    private static Integration proxy(String function, String payloadFormat) {
        return new Integration(Integration.IntegrationType.AWS_PROXY, function, null, payloadFormat, Map.of(),
                Map.of(), null, List.of(), null, false);
    }

    private static Integration.IntegrationResponse response(String pattern, String status, String template) {
        return new Integration.IntegrationResponse(pattern, status,
                template == null ? Map.of() : Map.of("application/json", template), Map.of());
    }

    private static ApiRoute route(String method, String path, Integration integration) {
        return new ApiRoute(method, path, integration, null, Map.of(), List.of(), null, false);
    }

    private static ApiDefinition restApi() throws Exception {
        List<Integration.IntegrationResponse> ok = List.of(response("default", "200", null));
        List<ApiRoute> routes = List.of(
                new ApiRoute("POST", "/run", aws("recorder", Map.of(), Map.of("application/json", SEED_TEMPLATE), ok),
                        "all", Map.of("application/json", "RunRequest"), List.of(), null, false),
                route("POST", "/run/sync", aws("recorder", Map.of(), Map.of(), ok)),
                route("POST", "/never", new Integration(Integration.IntegrationType.AWS, "recorder", null, null,
                        Map.of(), Map.of("application/json", "$input.json('$')"), "NEVER", ok, null, false)),
                route("POST", "/slow", new Integration(Integration.IntegrationType.AWS, "gate", null, null, Map.of(),
                        Map.of(), null, ok, Duration.ofMillis(300), false)),
                route("POST", "/run/async", aws("recorder", Map.of("integration.request.header.X-Amz-Invocation-Type",
                        "'Event'"), Map.of(), List.of(response("default", "202", "{\"status\":\"accepted\"}")))),
                route("POST", "/run/header", aws("recorder", Map.of("integration.request.header.X-Amz-Invocation-Type",
                        "method.request.header.X-Amz-Invocation-Type"), Map.of(), ok)),
                route("POST", "/fail", aws("recorder", Map.of(), Map.of(), List.of(
                        response(".*Malformed.*", "400", "{\"error\":\"$input.path('$.errorMessage')\"}"),
                        response("default", "200", null)))),
                route("GET", "/orders/{id}", proxy("proxy-recorder", null)),
                new ApiRoute("GET", "/keyed", proxy("proxy-recorder", null), null, Map.of(), List.of(), null, true),
                route("GET", "/stream", new Integration(Integration.IntegrationType.AWS_PROXY, "streamer", null, null,
                        Map.of(), Map.of(), null, List.of(), null, true)),
                new ApiRoute("GET", "/secure", proxy("proxy-recorder", null), null, Map.of(), List.of(), "tokens",
                        false),
                new ApiRoute("GET", "/strict", proxy("proxy-recorder", null), null, Map.of(), List.of(), "strict",
                        false),
                route("ANY", "/{proxy+}", proxy("proxy-recorder", null)));
        return new ApiDefinition("SeedApi", ApiIds.of("test", "SeedApi"), "seed", ApiKind.REST, "Prod",
                Map.of("tier", "test"), routes, Map.of("RunRequest", JSON.readTree(SEED_MODEL)),
                Map.of("all", new ApiDefinition.ValidatorSpec(true, true)), null,
                new ApiCors(List.of("*"), List.of("GET", "POST"), List.of("Content-Type"), List.of(), null, false),
                Map.of("tokens", new LambdaAuthorizer("tokens", "TOKEN", "tokens",
                        List.of("method.request.header.Authorization"), Duration.ofMinutes(5), false, null),
                        "strict", new LambdaAuthorizer("strict", "TOKEN", "tokens",
                        List.of("method.request.header.Authorization"), Duration.ZERO, false, null, "allow-ada|deny")),
                List.of()).withApiKeys(List.of("k3y-0123456789abcdefghij"));
    }

    private static ApiDefinition httpApi() {
        return new ApiDefinition("WebApi", ApiIds.of("test", "WebApi"), "web", ApiKind.HTTP, "$default", Map.of(),
                List.of(route("GET", "/items/{id}", proxy("proxy-recorder", "2.0")),
                        new ApiRoute("GET", "/team", proxy("proxy-recorder", "2.0"), null, Map.of(), List.of(),
                                "simple", false),
                        route("ANY", "$default", proxy("proxy-recorder", "1.0"))),
                Map.of(), Map.of(), null,
                new ApiCors(List.of("https://app.example"), List.of("GET", "POST"), List.of("authorization"),
                        List.of("x-recorded"), 600, false),
                Map.of("simple", new LambdaAuthorizer("simple", "REQUEST", "simple",
                        List.of("$request.header.Authorization"), Duration.ZERO, true, "2.0")), List.of());
    }

    private static String url(ApiDefinition api) {
        return platform.apis().stream().filter(a -> a.definition().id().equals(api.id())).findFirst().orElseThrow()
                .url();
    }

    private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(rest) + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The event the recorder got with this clientRequestId, once it has one. */
    private static JsonNode recorded(String clientRequestId) throws Exception {
        try (Stream<Path> files = Files.list(records)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String text = Files.readString(file);
                if (text.contains(clientRequestId)) {
                    return JSON.readTree(text);
                }
            }
        }
        return null;
    }

    private static boolean wasRecorded(String clientRequestId) {
        try {
            return recorded(clientRequestId) != null;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void seed_asyncIsAnsweredAtOnce_andTheFunctionRunsLater() throws Exception {
        HttpResponse<String> answer = post("/run", "{\"meta\":{\"clientRequestId\":\"async-1\",\"async\":true}}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        Eventually.await("the queued event runs", Duration.ofSeconds(20), () -> wasRecorded("async-1"));
        assertThat(recorded("async-1").path("meta").path("async").asBoolean()).isTrue();
    }

    @Test
    void seed_withoutAsync_theCallerGetsTheResult() throws Exception {
        HttpResponse<String> answer = post("/run", "{\"meta\":{\"clientRequestId\":\"sync-1\"}}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("meta").path("clientRequestId").asText()).isEqualTo("sync-1");
        assertThat(wasRecorded("sync-1")).isTrue();
    }

    @Test
    void seed_invalidBodies_get400_andTheFunctionDoesNotRun() throws Exception {
        Map<String, String> invalid = Map.of(
                "{\"meta\":{\"clientRequestId\":42,\"note\":\"bad-1\"}}", "/meta/clientRequestId",
                "{\"meta\":{\"clientRequestId\":\"bad-2\",\"extra\":1}}", "/meta/extra",
                "{\"meta\":{\"async\":true},\"x\":\"bad-3\"}", "/meta/clientRequestId",
                "{\"meta\":{\"clientRequestId\":\"bad-4\",\"async\":\"yes\"}}", "/meta/async");
        for (Map.Entry<String, String> body : invalid.entrySet()) {
            HttpResponse<String> answer = post("/run", body.getKey());
            assertThat(answer.statusCode()).as(body.getKey()).isEqualTo(400);
            JsonNode doc = JSON.readTree(answer.body());
            assertThat(doc.path("message").asText()).isEqualTo("Invalid request body");
            assertThat(doc.path("violations").findValuesAsText("pointer")).as(body.getKey()).contains(body.getValue());
        }
        // A valid call after them is recorded; none of the invalid ones ever was.
        post("/run", "{\"meta\":{\"clientRequestId\":\"after-bad\"}}");
        for (String id : List.of("bad-1", "bad-2", "bad-3", "bad-4")) {
            assertThat(wasRecorded(id)).as(id).isFalse();
        }
    }

    @Test
    void headerSwitched_andHardCoded_chooseTheInvocationType() throws Exception {
        HttpResponse<String> event = post("/run/header", "{\"meta\":{\"clientRequestId\":\"header-async\"}}",
                "X-Amz-Invocation-Type", "Event");
        assertThat(event.statusCode()).isEqualTo(200);
        assertThat(event.body()).isEmpty();
        HttpResponse<String> sync = post("/run/header", "{\"meta\":{\"clientRequestId\":\"header-sync\"}}");
        assertThat(JSON.readTree(sync.body()).path("meta").path("clientRequestId").asText()).isEqualTo("header-sync");

        HttpResponse<String> hardCoded = post("/run/async", "{\"meta\":{\"clientRequestId\":\"hard-async\"}}");
        assertThat(hardCoded.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(hardCoded.body()).path("status").asText()).isEqualTo("accepted");
        Eventually.await("both queued events run", Duration.ofSeconds(20),
                () -> wasRecorded("header-async") && wasRecorded("hard-async"));
    }

    @Test
    void aStreamingRoute_relaysEachChunkAsItComes() throws Exception {
        Path gate = dir.resolve("gate");
        HttpResponse<java.io.InputStream> answer = HTTP.send(HttpRequest.newBuilder(
                URI.create(url(rest) + "/stream?gate=" + gate)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.headers().firstValue("x-stream")).contains("1");
        assertThat(answer.headers().firstValue("content-type")).contains("text/event-stream");
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(answer.body(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            // The second chunk waits for the gate, which opens only once the first has arrived here.
            assertThat(lines.readLine()).isEqualTo("data: first");
            assertThat(lines.readLine()).isEmpty();
            Files.createFile(gate);
            assertThat(lines.readLine()).isEqualTo("data: second");
        }
    }

    @Test
    void anHttpApiRequestAuthorizer_withSimpleResponses_passesItsContext() throws Exception {
        assertThat(get(url(http) + "/team").statusCode()).isEqualTo(401);
        assertThat(get(url(http) + "/team", "Authorization", "nope").statusCode()).isEqualTo(403);
        HttpResponse<String> allowed = get(url(http) + "/team", "Authorization", "letmein");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(allowed.body()).path("requestContext").path("authorizer").path("lambda")
                .path("team").asText()).isEqualTo("blue");
    }

    @Test
    void cors_preflightsAreAnsweredFromTheSettings_andAnswersCarryTheOrigin() throws Exception {
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(url(http) + "/items/1"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("GET,POST");
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).contains("600");

        HttpResponse<String> answer = get(url(http) + "/items/1", "Origin", "https://app.example");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example");
        assertThat(get(url(http) + "/items/1", "Origin", "https://evil.example").headers()
                .firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void restCors_preflightIsTheMockOptionsMethodsTwoHundred_andProxyAnswersCarryOnlyTheFunctionsHeaders()
            throws Exception {
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(url(rest) + "/orders/1"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("GET,POST");

        HttpResponse<String> answer = get(url(rest) + "/orders/1", "Origin", "https://app.example");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void limits_415ByPassthrough_413AboveTenMegabytes_504PastTheIntegrationTimeout() throws Exception {
        HttpResponse<String> unsupported = HTTP.send(HttpRequest.newBuilder(URI.create(url(rest) + "/never"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hi")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsupported.statusCode()).isEqualTo(415);

        byte[] big = new byte[10 * 1024 * 1024 + 1];
        HttpResponse<String> tooLarge = HTTP.send(HttpRequest.newBuilder(URI.create(url(rest) + "/run/sync"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);

        Path opened = dir.resolve("slow-gate");
        HttpResponse<String> timedOut = post("/slow", "{\"gate\":\"" + opened + "\"}");
        assertThat(timedOut.statusCode()).isEqualTo(504);
        assertThat(timedOut.body()).contains("Endpoint request timed out");
        Files.createFile(opened);
    }

    @Test
    void apiKeyRequiredRoutes_acceptOnlyTheApisKeys() throws Exception {
        assertThat(get(url(rest) + "/keyed").statusCode()).isEqualTo(403);
        assertThat(get(url(rest) + "/keyed", "x-api-key", "guess-0123456789abcdefgh").statusCode()).isEqualTo(403);
        HttpResponse<String> keyed = get(url(rest) + "/keyed", "x-api-key", "k3y-0123456789abcdefghij");
        assertThat(keyed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(keyed.body()).path("requestContext").path("identity").path("apiKey").asText())
                .isEqualTo("k3y-0123456789abcdefghij");
    }

    @Test
    void aFunctionError_isMappedBySelectionPattern() throws Exception {
        HttpResponse<String> answer = post("/fail", "{\"fail\":true}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("Malformed order");
    }

    @Test
    void payload10_hasEveryFieldApiGatewayFills() throws Exception {
        HttpResponse<String> answer = get(url(rest) + "/orders/42?size=L&size=XL&gift=yes", "X-Trace", "t1",
                "User-Agent", "overtime-test");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("x-recorded")).contains("yes");
        APIGatewayProxyRequestEvent event = JSON.readValue(answer.body(), APIGatewayProxyRequestEvent.class);
        assertThat(event.getResource()).isEqualTo("/orders/{id}");
        assertThat(event.getPath()).isEqualTo("/orders/42");
        assertThat(event.getHttpMethod()).isEqualTo("GET");
        assertThat(event.getHeaders()).containsEntry("X-Trace", "t1");
        assertThat(event.getMultiValueHeaders()).containsEntry("X-Trace", List.of("t1"));
        assertThat(event.getQueryStringParameters()).containsEntry("size", "XL").containsEntry("gift", "yes");
        assertThat(event.getMultiValueQueryStringParameters()).containsEntry("size", List.of("L", "XL"));
        assertThat(event.getPathParameters()).containsEntry("id", "42");
        assertThat(event.getStageVariables()).containsEntry("tier", "test");
        assertThat(event.getIsBase64Encoded()).isFalse();
        APIGatewayProxyRequestEvent.ProxyRequestContext context = event.getRequestContext();
        assertThat(context.getAccountId()).isEqualTo("123456789012");
        assertThat(context.getApiId()).isEqualTo(rest.id());
        assertThat(context.getStage()).isEqualTo("Prod");
        assertThat(context.getResourcePath()).isEqualTo("/orders/{id}");
        assertThat(context.getPath()).isEqualTo("/Prod/orders/42");
        assertThat(context.getHttpMethod()).isEqualTo("GET");
        assertThat(context.getRequestId()).isNotBlank();
        assertThat(context.getExtendedRequestId()).isNotBlank();
        assertThat(context.getResourceId()).isNotBlank();
        assertThat(context.getRequestTime()).matches("\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(context.getRequestTimeEpoch()).isPositive();
        assertThat(context.getDomainName()).isEqualTo(rest.id() + ".execute-api.localhost");
        assertThat(context.getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(context.getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(context.getIdentity().getUserAgent()).isEqualTo("overtime-test");
    }

    @Test
    void payload20_hasEveryFieldApiGatewayFills() throws Exception {
        HttpResponse<String> answer = get(url(http) + "/items/7?a=1&a=2", "Cookie", "c1=v1; c2=v2",
                "User-Agent", "overtime-test");

        assertThat(answer.statusCode()).isEqualTo(200);
        APIGatewayV2HTTPEvent event = JSON.readValue(answer.body(), APIGatewayV2HTTPEvent.class);
        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("GET /items/{id}");
        assertThat(event.getRawPath()).isEqualTo("/items/7");
        assertThat(event.getRawQueryString()).isEqualTo("a=1&a=2");
        assertThat(event.getCookies()).containsExactly("c1=v1", "c2=v2");
        assertThat(event.getHeaders()).containsEntry("user-agent", "overtime-test");
        assertThat(event.getQueryStringParameters()).containsEntry("a", "1,2");
        assertThat(event.getPathParameters()).containsEntry("id", "7");
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        assertThat(context.getAccountId()).isEqualTo("123456789012");
        assertThat(context.getApiId()).isEqualTo(http.id());
        assertThat(context.getStage()).isEqualTo("$default");
        assertThat(context.getRouteKey()).isEqualTo("GET /items/{id}");
        assertThat(context.getRequestId()).isNotBlank();
        assertThat(context.getTime()).isNotBlank();
        assertThat(context.getTimeEpoch()).isPositive();
        assertThat(context.getDomainName()).isEqualTo(http.id() + ".execute-api.localhost");
        assertThat(context.getDomainPrefix()).isEqualTo(http.id());
        assertThat(context.getHttp().getMethod()).isEqualTo("GET");
        assertThat(context.getHttp().getPath()).isEqualTo("/items/7");
        assertThat(context.getHttp().getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(context.getHttp().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(context.getHttp().getUserAgent()).isEqualTo("overtime-test");
    }

    @Test
    void unknownRoutes_answerAsApiGatewayDoes() throws Exception {
        HttpResponse<String> rest404 = get(url(rest).replace("/Prod", "/Dev") + "/orders/1");
        assertThat(rest404.statusCode()).isEqualTo(403);
        assertThat(rest404.body()).contains("Missing Authentication Token");
        // The main port serves every API by Host; Java's HTTP client refuses to set Host, so a socket does.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", platform.port())) {
            socket.getOutputStream().write(("GET /Prod/orders/9 HTTP/1.1\r\nHost: " + rest.id()
                    + ".execute-api.localhost:" + platform.port() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200");
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            assertThat(JSON.readTree(body).path("pathParameters").path("id").asText()).isEqualTo("9");
        }
        HttpResponse<String> caughtByDefault = get(url(http) + "/nothing/here");
        assertThat(caughtByDefault.statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenAuthorizer_deniesOrAllows_andItsContextReachesTheFunction() throws Exception {
        assertThat(get(url(rest) + "/secure").statusCode()).isEqualTo(401);
        assertThat(get(url(rest) + "/secure", "Authorization", "bogus").statusCode()).isEqualTo(401);
        HttpResponse<String> denied = get(url(rest) + "/secure", "Authorization", "deny");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("explicit deny");

        HttpResponse<String> allowed = get(url(rest) + "/secure", "Authorization", "allow-ada");
        assertThat(allowed.statusCode()).isEqualTo(200);
        JsonNode authorizer = JSON.readTree(allowed.body()).path("requestContext").path("authorizer");
        assertThat(authorizer.path("principalId").asText()).isEqualTo("ada");
        assertThat(authorizer.path("user").asText()).isEqualTo("ada");
        assertThat(authorizer.path("tier").asText()).isEqualTo("gold");
        // REST hands the context on as strings, as API Gateway does.
        assertThat(authorizer.path("level").isTextual()).isTrue();
        assertThat(authorizer.path("level").asText()).isEqualTo("3");
        assertThat(authorizer.path("admin").asText()).isEqualTo("false");
    }

    @Test
    void aTokenThatFailsTheValidationExpression_is401_withoutAskingTheAuthorizer() throws Exception {
        assertThat(get(url(rest) + "/strict", "Authorization", "allow-ada").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = get(url(rest) + "/strict", "Authorization", "allow-eve");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
    }

    @Test
    void theSdks_discoverTheApis() {
        try (ApiGatewayClient v1 = ApiGatewayClient.builder().endpointOverride(platform.endpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build();
             ApiGatewayV2Client v2 = ApiGatewayV2Client.builder().endpointOverride(platform.endpoint())
                     .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                     .build()) {
            var restApis = v1.getRestApis(b -> { }).items();
            assertThat(restApis).extracting(a -> a.id()).containsExactly(rest.id());
            assertThat(restApis.getFirst().name()).isEqualTo("seed");
            assertThat(v1.getStages(b -> b.restApiId(rest.id())).item()).extracting(s -> s.stageName())
                    .containsExactly("Prod");
            var httpApis = v2.getApis(b -> { }).items();
            assertThat(httpApis).extracting(a -> a.apiId()).containsExactly(http.id());
            assertThat(httpApis.getFirst().apiEndpoint()).isEqualTo(url(http));
            assertThat(httpApis.getFirst().protocolTypeAsString()).isEqualTo("HTTP");
        }
    }
}
