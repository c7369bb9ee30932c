package dev.overtime.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.overtime.runtime.fixtures.ContextProbe;
import dev.overtime.runtime.fixtures.Conversions;
import dev.overtime.runtime.fixtures.Faulty;
import dev.overtime.runtime.fixtures.Greeters;
import dev.overtime.runtime.fixtures.HttpApiHandler;
import dev.overtime.runtime.fixtures.Streams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole runtime, in process, against a stub Runtime API. */
class RuntimeTest {

    @TempDir
    Path taskRoot;

    private StubRuntimeApi api;

    @BeforeEach
    void start() throws Exception {
        api = new StubRuntimeApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Map<String, String> env(String... extra) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "probe");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "7");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/probe");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2024/01/01/[7]abc");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    /** Runs the runtime until the stub stops it; returns the exit status it chose. */
    private int run(String handler, Map<String, String> env) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> Main.run(new String[] {handler}, env, taskRoot.resolve("opt").toString()));
    }

    private int run(Class<?> handler) {
        return run(handler.getName(), env());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        return (Map<String, Object>) Json.parse(body);
    }

    @Test
    void next_whenHandlerReturnsMap_postsItsJsonAsResponse() throws Exception {
        api.invoke("{\"name\":\"Ada\"}");
        api.invoke("{}");
        api.stop();

        assertThat(run(Greeters.MapGreeter.class)).isEqualTo(1);

        StubRuntimeApi.Request first = api.awaitPost();
        assertThat(first.path).isEqualTo("/2018-06-01/runtime/invocation/req-1/response");
        // AWS's Jackson setup leaves out null values.
        assertThat(first.body).isEqualTo("{\"message\":\"Hello, Ada!\"}");
        assertThat(api.awaitPost().body).isEqualTo("{\"message\":\"Hello, world!\"}");
    }

    @Test
    void next_whenHandlerTakesBeans_convertsThroughJacksonLikeAws() throws Exception {
        api.invoke("{\"name\":\"Ada\",\"age\":36,\"tags\":[\"math\"],\"friend\":{\"name\":\"Charles\"},\"unknown\":1}");
        api.stop();

        run(Greeters.PersonEcho.class);

        Map<String, Object> out = json(api.awaitPost().body);
        assertThat(out).containsEntry("name", "Ada").containsEntry("age", 37L).containsEntry("tags", List.of("math"));
        assertThat(out.get("friend")).isEqualTo(Map.of("name", "Charles", "age", 0L));
    }

    @Test
    void next_whenInputUsesSyntaxOnlyJacksonAccepts_fallsBackToAwsSerializer() throws Exception {
        api.invoke("{'a': 1, unquoted: 007, \"big\": 123456789012345678901} trailing");
        api.stop();

        run(Conversions.TypeReporter.class);

        assertThat(api.awaitPost().body).isEqualTo("{\"a\":1,\"unquoted\":7,\"big\":123456789012345678901,"
                + "\"aType\":\"Integer\",\"unquotedType\":\"Integer\",\"bigType\":\"BigInteger\"}");
    }

    @Test
    void next_whenOutputHoldsValuesOnlyJacksonWrites_fallsBackToAwsSerializer() throws Exception {
        api.invoke("{}");
        api.stop();

        run(Conversions.DateReturner.class);

        assertThat(api.awaitPost().body).isEqualTo("{\"epoch\":0}");
    }

    @Test
    void next_whenFunctionProvidesCustomPojoSerializer_usesItInsteadOfJson() throws Exception {
        Path services = Files.createDirectories(taskRoot.resolve("META-INF/services"));
        Files.writeString(services.resolve("com.amazonaws.services.lambda.runtime.CustomPojoSerializer"),
                Conversions.UpperSerializer.class.getName() + "\n");
        api.invoke("not json");
        api.stop();

        run(Greeters.MapGreeter.class);

        assertThat(api.awaitPost().body).isEqualTo("custom:{message=Hello, world!, missing=null}");
    }

    @Test
    void init_whenFunctionProvidesTwoCustomPojoSerializers_postsInitError() throws Exception {
        Path services = Files.createDirectories(taskRoot.resolve("META-INF/services"));
        Files.writeString(services.resolve("com.amazonaws.services.lambda.runtime.CustomPojoSerializer"),
                Conversions.UpperSerializer.class.getName() + "\n" + Conversions.OtherSerializer.class.getName() + "\n");

        int status = run(Greeters.MapGreeter.class);

        assertThat(status).isEqualTo(1);
        assertThat(json(api.awaitPost().body)).containsEntry("errorMessage",
                "Too many serializers provided inside the META-INF/services folder, only one is allowed");
    }

    @Test
    void next_forAndroidClients_convertsWithGsonLikeAws() throws Exception {
        api.enqueue(api.prepare("{\"n\":1}")
                .header("Lambda-Runtime-Client-Context", "{\"env\":{\"platform\":\"Android\"}}"));
        api.stop();

        run(Conversions.TypeReporter.class);

        // Gson reads every JSON number as a Double.
        assertThat(api.awaitPost().body).isEqualTo("{\"n\":1.0,\"nType\":\"Double\"}");
    }

    @Test
    void next_whenHandlerTakesStrings_readsAndWritesJsonStrings() throws Exception {
        api.invoke("\"quiet\"");
        api.stop();

        run(Greeters.Shouter.class);

        assertThat(api.awaitPost().body).isEqualTo("\"QUIET!\"");
    }

    @Test
    void next_whenHandlerReturnsVoid_postsNull() throws Exception {
        api.invoke("{}");
        api.stop();

        run(Greeters.Sink.class);

        assertThat(api.awaitPost().body).isEqualTo("null");
    }

    @Test
    void next_whenHandlerTakesApiGatewayV2Event_convertsTheEventModel() throws Exception {
        api.invoke("{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/hello\",\"rawQueryString\":\"q=1\","
                + "\"headers\":{\"user-agent\":\"curl\"},\"queryStringParameters\":{\"q\":\"1\"},"
                + "\"requestContext\":{\"http\":{\"method\":\"POST\",\"path\":\"/hello\"},\"timeEpoch\":1700000000000},"
                + "\"body\":\"hi\",\"isBase64Encoded\":false}");
        api.stop();

        run(HttpApiHandler.class);

        Map<String, Object> out = json(api.awaitPost().body);
        assertThat(out).containsEntry("statusCode", 201L)
                .containsEntry("body", "POST /hello q=1 ua=curl body=hi")
                .containsEntry("headers", Map.of("content-type", "text/plain"));
    }

    @Test
    void next_whenStreamHandler_passesBytesThroughUntouched() throws Exception {
        api.invoke("not json at all \u00e9");
        api.stop();

        run(Streams.class);

        assertThat(api.awaitPost().body).isEqualTo("not json at all \u00e9");
    }

    @Test
    void next_whenHandlerThrows_postsErrorWithStackTraceAndCause() throws Exception {
        api.invoke("{\"n\":3}");
        api.stop();

        run(Faulty.Thrower.class);

        StubRuntimeApi.Request post = api.awaitPost();
        assertThat(post.path).isEqualTo("/2018-06-01/runtime/invocation/req-1/error");
        assertThat(post.header("Lambda-Runtime-Function-Error-Type")).isEqualTo("Runtime.UserException");
        assertThat(post.header("Content-Type")).isEqualTo("application/vnd.aws.lambda.error+json");
        Map<String, Object> error = json(post.body);
        assertThat(error).containsEntry("errorMessage", "boom: 3")
                .containsEntry("errorType", "java.lang.IllegalStateException");
        @SuppressWarnings("unchecked")
        List<String> trace = (List<String>) error.get("stackTrace");
        assertThat(trace.get(0)).matches("dev\\.overtime\\.runtime\\.fixtures\\.Faulty\\$Thrower\\.handleRequest"
                + "\\(Faulty\\.java:\\d+\\)");
        assertThat(trace).noneMatch(frame -> frame.startsWith("dev.overtime.runtime.P")
                || frame.startsWith("dev.overtime.runtime.R") || frame.startsWith("dev.overtime.runtime.M"));
        @SuppressWarnings("unchecked")
        Map<String, Object> cause = (Map<String, Object>) error.get("cause");
        assertThat(cause).containsEntry("errorMessage", "root cause")
                .containsEntry("errorType", "java.lang.IllegalArgumentException")
                .containsKey("stackTrace");
    }

    @Test
    void next_whenInputIsNotValidJson_postsParsingErrorAndKeepsServing() throws Exception {
        api.invoke("{\"name\": ");
        api.invoke("{\"name\":\"again\"}");
        api.stop();

        run(Greeters.MapGreeter.class);

        StubRuntimeApi.Request error = api.awaitPost();
        assertThat(error.path).endsWith("/req-1/error");
        Map<String, Object> body = json(error.body);
        assertThat(body).containsEntry("errorMessage", "An error occurred during JSON parsing")
                .containsEntry("errorType", "java.lang.RuntimeException")
                .containsEntry("stackTrace", List.of());
        assertThat(body.get("cause")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("errorType", "java.io.UncheckedIOException");
        assertThat(api.awaitPost().body).isEqualTo("{\"message\":\"Hello, again!\"}");
    }

    @Test
    void init_whenHandlerClassIsMissing_postsInitErrorAndExits() throws Exception {
        int status = run("com.example.Missing::handle", env());

        assertThat(status).isEqualTo(1);
        StubRuntimeApi.Request post = api.awaitPost();
        assertThat(post.path).isEqualTo("/2018-06-01/runtime/init/error");
        assertThat(post.header("Lambda-Runtime-Function-Error-Type")).isEqualTo("Runtime.BadFunctionCode");
        assertThat(post.body).isEqualTo(
                "{\"errorMessage\":\"Class not found: com.example.Missing\",\"errorType\":\"java.lang.ClassNotFoundException\"}");
        assertThat(api.requests()).noneMatch(r -> r.path.endsWith("/next"));
    }

    @Test
    void init_whenConstructorThrows_postsInitErrorWithTheThrownType() throws Exception {
        int status = run(Faulty.ThrowingConstructor.class);

        assertThat(status).isEqualTo(1);
        assertThat(api.awaitPost().body)
                .isEqualTo("{\"errorMessage\":\"no config\",\"errorType\":\"java.lang.IllegalArgumentException\"}");
    }

    @Test
    void init_whenStaticInitializerThrows_postsInitErrorLikeAws() throws Exception {
        int status = run(Faulty.ThrowingStaticInit.class);

        assertThat(status).isEqualTo(1);
        assertThat(api.awaitPost().body).isEqualTo("{\"errorMessage\":\"Error loading class "
                + Faulty.ThrowingStaticInit.class.getName() + "\",\"errorType\":\"java.lang.ExceptionInInitializerError\"}");
    }

    @Test
    void init_whenNoHandlerMethodMatches_postsInitErrorWithoutType() throws Exception {
        int status = run(Greeters.MapGreeter.class.getName() + "::nope", env());

        assertThat(status).isEqualTo(1);
        assertThat(api.awaitPost().body).isEqualTo("{\"errorMessage\":\"No public method named nope with appropriate "
                + "method signature found on class " + Greeters.MapGreeter.class.getName() + "\"}");
    }

    @Test
    void context_exposesInvocationHeadersAndFunctionSettings() throws Exception {
        long deadline = System.currentTimeMillis() + 5_000;
        StubRuntimeApi.Invocation inv = api.prepare("{}")
                .header("Lambda-Runtime-Deadline-Ms", Long.toString(deadline))
                .header("lambda-runtime-trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
                .header("Lambda-Runtime-Aws-Tenant-Id", "tenant-9")
                .header("Lambda-Runtime-Cognito-Identity",
                        "{\"cognitoIdentityId\":\"id-1\",\"cognitoIdentityPoolId\":\"pool-1\"}")
                .header("Lambda-Runtime-Client-Context", "{\"client\":{\"app_title\":\"App\"},"
                        + "\"custom\":{\"k\":\"v\"},\"env\":{\"platform\":\"iPhoneOS\"}}");
        api.enqueue(inv);
        api.stop();

        run(ContextProbe.class);

        Map<String, Object> out = json(api.awaitPost().body);
        assertThat(out).containsEntry("requestId", inv.requestId)
                .containsEntry("functionName", "probe")
                .containsEntry("functionVersion", "7")
                .containsEntry("memory", 256L)
                .containsEntry("logGroup", "/aws/lambda/probe")
                .containsEntry("logStream", "2024/01/01/[7]abc")
                .containsEntry("arn", "arn:aws:lambda:us-east-1:123456789012:function:test")
                .containsEntry("tenantId", "tenant-9")
                .containsEntry("traceId", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
                .containsEntry("traceProperty", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
                .containsEntry("sameLogger", true)
                .containsEntry("identityId", "id-1")
                .containsEntry("identityPoolId", "pool-1")
                .containsEntry("appTitle", "App")
                .containsEntry("custom", Map.of("k", "v"))
                .containsEntry("env", Map.of("platform", "iPhoneOS"));
        assertThat((Long) out.get("remaining")).isBetween(1L, 5_000L);
    }

    @Test
    void context_withoutOptionalHeaders_hasNullIdentityAndClientContext() throws Exception {
        api.invoke("{}");
        api.stop();

        run(ContextProbe.class);

        Map<String, Object> out = json(api.awaitPost().body);
        assertThat(out).doesNotContainKeys("identityId", "appTitle", "tenantId", "traceId", "traceProperty", "sdkTraceId");
    }

    @Test
    void loop_usesOneKeepAliveConnectionForManyInvocations() throws Exception {
        for (int i = 0; i < 5; i++) {
            api.invoke("{}");
        }
        api.stop();

        run(Greeters.MapGreeter.class);

        List<StubRuntimeApi.Request> requests = api.requests();
        assertThat(requests).hasSize(11); // 6 x /next (the last one answered 500) + 5 x /response
        assertThat(requests.stream().map(r -> r.clientPort).distinct()).hasSize(1);
    }

    @Test
    void loop_whenPlatformRejectsAPost_logsAndServesTheNextInvocation() throws Exception {
        api.respondToPostsWith(413);
        api.invoke("{}");
        api.invoke("{}");
        api.stop();

        int status = run(Greeters.MapGreeter.class);

        assertThat(status).isEqualTo(1);
        assertThat(api.awaitPost().path).endsWith("/req-1/response");
        assertThat(api.awaitPost().path).endsWith("/req-2/response");
    }

    @Test
    void loop_withMaxConcurrency_pollsNextOnSeveralConnectionsAtOnce() throws Exception {
        CountDownLatch allWaiting = new CountDownLatch(3);
        api.gateNext(() -> {
            allWaiting.countDown();
            // Holds each /next until three are open at the same time; times out if they never are.
            if (!allWaiting.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("fewer than 3 concurrent /next requests");
            }
        });
        api.invoke("{}");
        api.invoke("{}");
        api.invoke("{}");
        api.stop();

        int status = run(Greeters.MapGreeter.class.getName(), env("AWS_LAMBDA_MAX_CONCURRENCY", "3"));

        assertThat(status).isEqualTo(1);
        assertThat(allWaiting.getCount()).isZero();
        List<StubRuntimeApi.Request> nexts = api.requests().stream()
                .filter(r -> r.path.endsWith("/next")).collect(Collectors.toList());
        assertThat(nexts.stream().map(r -> r.clientPort).distinct().count()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(api.awaitPost().path).endsWith("/response");
        }
    }

    @Test
    void loop_withMaxConcurrency_givesTheTraceIdToTheSdkThreadLocalInsteadOfTheSystemProperty() throws Exception {
        System.clearProperty(RuntimeLoop.TRACE_PROPERTY);
        api.enqueue(api.prepare("{}").header("Lambda-Runtime-Trace-Id", "Root=1-abc"));
        api.stop();

        run(ContextProbe.class.getName(), env("AWS_LAMBDA_MAX_CONCURRENCY", "2"));

        Map<String, Object> out = json(api.awaitPost().body);
        assertThat(out).containsEntry("sdkTraceId", "Root=1-abc").containsEntry("traceId", "Root=1-abc")
                .doesNotContainKey("traceProperty");
    }

    @Test
    void main_prefersTheHandlerArgumentOverHandlerVariable() throws Exception {
        api.invoke("\"x\"");
        api.stop();

        run(Greeters.Shouter.class.getName(), env("_HANDLER", "com.example.Ignored"));

        assertThat(api.awaitPost().body).isEqualTo("\"X!\"");
    }

    @Test
    void main_whenNoHandlerArgument_usesHandlerVariable() throws Exception {
        api.invoke("\"y\"");
        api.stop();
        Map<String, String> env = env("_HANDLER", Greeters.Shouter.class.getName());

        int status = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> Main.run(new String[0], env, taskRoot.resolve("opt").toString()));

        assertThat(status).isEqualTo(1);
        assertThat(api.awaitPost().body).isEqualTo("\"Y!\"");
    }
}
