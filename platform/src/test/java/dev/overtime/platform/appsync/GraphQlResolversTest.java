package dev.overtime.platform.appsync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.testfunctions.ResolverEcho;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Resolvers over HTTP: direct Lambda resolvers, Lambda errors, pipelines, BatchInvoke, auth directives, scalars. */
class GraphQlResolversTest {

    static final String KEY = "da2-resolverstestkey0000000000";
    static final String SCHEMA = """
            type Query {
              direct(name: String, fail: Boolean): AWSJSON
              doubled(n: Int!): Int
              secret: String @aws_iam
              open: String
              mail(e: AWSEmail!): AWSEmail
            }
            type Mutation { batch(x: Int): AWSJSON }
            """;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Platform platform;
    static ServedGraphQlApi api;

    @BeforeAll
    static void start() throws Exception {
        String constant = "{\"version\":\"2018-05-29\",\"payload\":\"s\"}";
        GraphQlApiDefinition definition = new GraphQlApiDefinition("ResolversApi", "resolversapi00000000000000",
                "resolvers", List.of(AuthMode.API_KEY, AuthMode.AWS_IAM), List.of(new GraphQlApiKey("Key", KEY, "", 0)),
                SCHEMA,
                List.of(new DataSource.Lambda("echo", "resolver-echo", null), new DataSource.None("local")),
                List.of(new ResolverDefinition("Query", "direct", "echo", List.of(), new ResolverCode.Direct(), 0),
                        new ResolverDefinition("Query", "doubled", null, List.of("plusOne", "twice"),
                                new ResolverCode.Js("export function request(ctx) { ctx.stash.seen = []; return ctx.args.n; }\n"
                                        + "export function response(ctx) { return ctx.prev.result + ctx.stash.seen.length; }"), 0),
                        new ResolverDefinition("Query", "secret", "local", List.of(), new ResolverCode.Vtl(constant, null), 0),
                        new ResolverDefinition("Query", "open", "local", List.of(), new ResolverCode.Vtl(constant, null), 0),
                        new ResolverDefinition("Query", "mail", "local", List.of(),
                                new ResolverCode.Vtl("{\"version\":\"2018-05-29\",\"payload\":$util.toJson($ctx.args.e)}", null), 0),
                        new ResolverDefinition("Mutation", "batch", "echo", List.of(), new ResolverCode.Vtl(
                                "{\"version\":\"2018-05-29\",\"operation\":\"BatchInvoke\",\"payload\":$util.toJson($ctx.args)}",
                                "$util.toJson($ctx.result)"), 5)),
                List.of(new PipelineFunction("plusOne", "plusOne", "local", new ResolverCode.Js(
                                "export function request(ctx) { ctx.stash.seen.push('plusOne'); return { payload: ctx.prev.result + 1 }; }\n"
                                        + "export function response(ctx) { return ctx.result; }"), 0),
                        new PipelineFunction("twice", "twice", "local", new ResolverCode.Vtl(
                                "$util.qr($ctx.stash.seen.add('twice'))#set($twice = $ctx.prev.result * 2){\"version\":\"2018-05-29\",\"payload\":$twice}",
                                null), 0)));
        platform = Platform.start(new PlatformConfig("127.0.0.1", 0,
                        EnvironmentSettings.defaults(dir.resolve("data")).withEcho(false)),
                List.of(TestFunctions.java("resolver-echo", ResolverEcho.class)), List.of(), Map.of(), Map.of(), List.of(),
                List.of(definition));
        api = platform.graphQlApis().iterator().next();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    static JsonNode post(String query, Map<String, String> headers) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.graphQlUrl()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .header("content-type", "application/json");
        headers.forEach(request::header);
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static JsonNode post(String query) throws Exception {
        return post(query, Map.of("x-api-key", KEY));
    }

    @Test
    void aDirectResolverGetsAppSyncsContext() throws Exception {
        JsonNode answer = post("query Q { direct(name: \"Ada\") }");
        JsonNode event = JSON.readTree(answer.at("/data/direct").asText());
        assertThat(event.at("/arguments/name").asText()).isEqualTo("Ada");
        assertThat(event.path("identity").isMissingNode() || event.get("identity").isNull())
                .as("an API key has no identity").isTrue();
        assertThat(event.path("source").isMissingNode() || event.get("source").isNull()).isTrue();
        assertThat(event.at("/info/fieldName").asText()).isEqualTo("direct");
        assertThat(event.at("/info/parentTypeName").asText()).isEqualTo("Query");
        assertThat(event.at("/request/headers/x-api-key").asText()).isEqualTo(KEY);
        assertThat(event.get("stash").isObject()).isTrue();
        assertThat(event.path("prev").isMissingNode() || event.get("prev").isNull()).isTrue();
        assertThat(event.at("/info/selectionSetList").isArray()).isTrue();
    }

    @Test
    void aFailingFunctionIsAGraphQlErrorOnItsField() throws Exception {
        JsonNode answer = post("{ direct(fail: true) }");
        assertThat(answer.at("/data/direct").isNull()).isTrue();
        JsonNode error = answer.at("/errors/0");
        assertThat(error.get("errorType").asText()).isEqualTo("Lambda:Unhandled");
        assertThat(error.get("message").asText()).isEqualTo("asked to fail");
        assertThat(error.at("/path/0").asText()).isEqualTo("direct");
        assertThat(error.at("/locations/0/line").asInt()).isEqualTo(1);
    }

    @Test
    void aPipelineRunsItsFunctionsInOrderSharingTheStash() throws Exception {
        // (20 + 1) * 2, plus the two functions that recorded themselves in the stash
        assertThat(post("{ doubled(n: 20) }").at("/data/doubled").asInt()).isEqualTo(44);
    }

    @Test
    void batchInvokeSendsTheFunctionAList() throws Exception {
        JsonNode answer = post("mutation { batch(x: 7) }");
        JsonNode result = JSON.readTree(answer.at("/data/batch").asText());
        assertThat(result.at("/batched/x").asInt()).isEqualTo(7);
        assertThat(result.get("batchSize").asInt()).isEqualTo(1);
    }

    @Test
    void authDirectivesNarrowAFieldToTheirModes() throws Exception {
        JsonNode withKey = post("{ open secret }");
        assertThat(withKey.at("/data/open").asText()).isEqualTo("s");
        assertThat(withKey.at("/data/secret").isNull()).isTrue();
        assertThat(withKey.at("/errors/0/errorType").asText()).isEqualTo("Unauthorized");
        assertThat(withKey.at("/errors/0/message").asText()).isEqualTo("Not Authorized to access secret on type Query");
        JsonNode withIam = post("{ secret }", Map.of("authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261205/us-east-1/appsync/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=abc", "x-amz-date", "20261205T000000Z"));
        assertThat(withIam.at("/data/secret").asText()).isEqualTo("s");
        JsonNode openWithIam = post("{ open }", Map.of("authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261205/us-east-1/appsync/aws4_request, Signature=abc"));
        assertThat(openWithIam.at("/errors/0/errorType").asText())
                .as("a field without directives takes the default mode, API_KEY").isEqualTo("Unauthorized");
    }

    @Test
    void appSyncScalarsCheckTheirValues() throws Exception {
        assertThat(post("{ mail(e: \"ada@example.com\") }").at("/data/mail").asText()).isEqualTo("ada@example.com");
        JsonNode invalid = post("{ mail(e: \"not an address\") }");
        assertThat(invalid.at("/data/mail").isMissingNode() || invalid.at("/data/mail").isNull()).isTrue();
        assertThat(invalid.at("/errors/0/message").asText()).containsIgnoringCase("e-mail");
    }
}
