package dev.overtime.platform.appsync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overtime.platform.appsync.realtime.WsClient;
import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.security.AuthSettings;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.SdkSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AppSync's real-time protocol on an {@code AWS_IAM} API under {@code serve --auth iam}: the handshake is a SigV4
 * signature of {@code POST /graphql/connect} over {@code {}}, each {@code start} one of {@code POST /graphql} over
 * its {@code payload.data}, both made here by the AWS SDK's own signer and sent over a real WebSocket.
 */
class IamSubscriptionsTest {

    private static final AwsCredentialsIdentity CALLER =
            AwsCredentialsIdentity.create("AKIASUBSCRIBER00001", "subscribersecret");
    private static final AwsCredentialsIdentity DENIED =
            AwsCredentialsIdentity.create("AKIAPUBLISHERONLY01", "publishersecret");
    private static final String CALLER_ARN = "arn:aws:iam::123456789012:user/subscriber";
    private static final String SCHEMA = """
            type Note { room: ID! author: String! text: String! }
            type Mutation { post(room: ID!, author: String!, text: String!): Note }
            type Query { ping: String }
            type Subscription { onPost(room: ID!): Note @aws_subscribe(mutations: ["post"]) }
            """;
    private static final String SUBSCRIBE = "subscription S($r: ID!) { onPost(room: $r) { room author text } }";
    private static final String POST = "mutation P($r: ID!, $a: String!, $t: String!) "
            + "{ post(room: $r, author: $a, text: $t) { room author text } }";

    @TempDir
    static Path dir;
    static Platform platform;
    static ServedGraphQlApi api;
    static final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        Path iam = Files.writeString(dir.resolve("iam.yaml"), """
                principals:
                  - name: subscriber
                    accessKeyId: AKIASUBSCRIBER00001
                    secretAccessKey: subscribersecret
                    policies:
                      - Statement:
                          - {Effect: Allow, Action: "appsync:GraphQL", Resource: "arn:aws:appsync:*:*:apis/*/types/Mutation/fields/post"}
                          - {Effect: Allow, Action: "appsync:GraphQL", Resource: "arn:aws:appsync:*:*:apis/*/types/Subscription/fields/onPost"}
                  - name: publisher
                    accessKeyId: AKIAPUBLISHERONLY01
                    secretAccessKey: publishersecret
                    policies:
                      - Statement:
                          - {Effect: Allow, Action: "appsync:GraphQL", Resource: "*"}
                          - {Effect: Deny, Action: "appsync:GraphQL", Resource: "arn:aws:appsync:*:*:apis/*/types/Subscription/*"}
                """);
        PlatformConfig config = new PlatformConfig("127.0.0.1", 0, EnvironmentSettings.defaults(dir.resolve("data"))
                .withEcho(false)).withConsole(new PrintStream(console, true, StandardCharsets.UTF_8))
                .withAuth(AuthSettings.iam(iam));
        platform = Platform.start(config, List.of(), List.of(), Map.of(), Map.of(), List.of(), List.of(definition()));
        api = platform.graphQlApis().iterator().next();
    }

    /**
     * An AWS_IAM API whose subscription resolver keeps only the notes written by the subscriber itself:
     * {@code $ctx.identity} must be the signer for any event to arrive.
     */
    private static GraphQlApiDefinition definition() {
        return new GraphQlApiDefinition("IamApi", "iamsubscriptions0000000000a", "iam",
                List.of(AuthMode.AWS_IAM), List.of(), SCHEMA, List.of(new DataSource.None("local")),
                List.of(new ResolverDefinition("Mutation", "post", "local", List.of(),
                                new ResolverCode.Vtl("{\"version\":\"2018-05-29\",\"payload\":$util.toJson($ctx.args)}",
                                        "$util.toJson($ctx.result)"), 0),
                        new ResolverDefinition("Subscription", "onPost", "local", List.of(),
                                new ResolverCode.Js("import { util, extensions } from '@aws-appsync/utils';\n"
                                        + "export function request(ctx) { return { payload: null }; }\n"
                                        + "export function response(ctx) {\n"
                                        + "  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter("
                                        + "{ author: { eq: ctx.identity.userArn } }));\n"
                                        + "  return null;\n}"), 0)),
                List.of());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void signedHandshakeAndStart_areAccepted_andEventsForTheSignerArrive() throws Exception {
        try (AppSyncSocket socket = AppSyncSocket.open(api.realtimeUrl(), connectAuth(CALLER), false)) {
            assertThat(socket.init().path("type").asText()).isEqualTo("connection_ack");
            String data = AppSyncSocket.data(SUBSCRIBE, Map.of("r", "lobby"));
            JsonNode ack = socket.startSigned("s1", data, startAuth(CALLER, data), Map.of());
            assertThat(ack.path("type").asText()).as(ack.toString()).isEqualTo("start_ack");

            assertThat(publish(CALLER, "lobby", "someone else", "filtered out").statusCode()).isEqualTo(200);
            HttpResponse<String> published = publish(CALLER, "lobby", CALLER_ARN, "hello");
            assertThat(published.body()).contains("hello");

            JsonNode event = socket.next();
            assertThat(event.path("type").asText()).as(event.toString()).isEqualTo("data");
            assertThat(event.path("payload").path("data").path("onPost").path("text").asText()).isEqualTo("hello");
            assertThat(event.path("payload").path("data").path("onPost").path("author").asText())
                    .isEqualTo(CALLER_ARN);
        }
        awaitConsole("overtime: auth AUTHENTICATED principal=" + CALLER_ARN + " action=appsync:GraphQL "
                + "resource=arn:aws:appsync:us-east-1:123456789012:apis/iamsubscriptions0000000000a");
        awaitConsole("overtime: auth ALLOW principal=" + CALLER_ARN + " action=appsync:GraphQL resource="
                + "arn:aws:appsync:us-east-1:123456789012:apis/iamsubscriptions0000000000a/types/Subscription/fields/onPost");
    }

    @Test
    void handshakeInTheHeaderQueryParameter_isCheckedTheSameWay() throws Exception {
        try (AppSyncSocket socket = AppSyncSocket.open(api.realtimeUrl(), connectAuth(CALLER), true)) {
            assertThat(socket.init().path("type").asText()).isEqualTo("connection_ack");
        }
        Map<String, String> forged = connectAuth(AwsCredentialsIdentity.create("AKIASUBSCRIBER00001", "wrong"));
        try (AppSyncSocket socket = AppSyncSocket.open(api.realtimeUrl(), forged, true)) {
            assertRefused(socket.init(), "signature we calculated does not match");
        }
    }

    @Test
    void handshakeWithTheWrongSecret_getsConnectionError() throws Exception {
        Map<String, String> forged = connectAuth(AwsCredentialsIdentity.create("AKIASUBSCRIBER00001", "wrong"));
        try (AppSyncSocket socket = AppSyncSocket.open(api.realtimeUrl(), forged, false)) {
            assertRefused(socket.init(), "signature we calculated does not match");
            assertThat(socket.next().path("type").asText()).isEqualTo("closed");
        }
        awaitConsole("overtime: auth DENY principal=(unauthenticated) action=appsync:GraphQL "
                + "resource=arn:aws:appsync:us-east-1:123456789012:apis/iamsubscriptions0000000000a "
                + "reason=InvalidSignatureException");
    }

    @Test
    void handshakeWithAnUnknownKey_getsConnectionError() throws Exception {
        Map<String, String> stranger = connectAuth(AwsCredentialsIdentity.create("AKIANOBODY000000001", "secret"));
        try (AppSyncSocket socket = AppSyncSocket.open(api.realtimeUrl(), stranger, false)) {
            assertRefused(socket.init(), "security token included in the request is invalid");
        }
    }

    @Test
    void handshakeWithoutSignature_getsConnectionError() throws Exception {
        Map<String, String> unsigned = new LinkedHashMap<>(connectAuth(CALLER));
        unsigned.remove("authorization");
        try (AppSyncSocket socket = AppSyncSocket.open(api.realtimeUrl(), unsigned, false)) {
            assertRefused(socket.init(), "not authorized");
        }
    }

    @Test
    void handshakeSignedForAnotherBody_getsConnectionError() throws Exception {
        Map<String, String> otherBody = new SdkSigner(CALLER, "appsync").signedHeaders("POST",
                uri("/graphql/connect"), "{\"other\":1}", amplifyHeaders());
        try (AppSyncSocket socket = AppSyncSocket.open(api.realtimeUrl(), otherBody, false)) {
            // The SDK's signer sends the body's hash in x-amz-content-sha256; that hash no longer matches.
            assertRefused(socket.init(), "'x-amz-content-sha256' header does not match");
        }
    }

    @Test
    void startWithoutItsOwnSignature_isRefused() throws Exception {
        String data = AppSyncSocket.data(SUBSCRIBE, Map.of("r", "lobby"));
        assertStartRefused(startOnSignedConnection(CALLER, data, Map.of()), "payload.extensions.authorization");
    }

    @Test
    void startSignedForAnotherBody_isRefused() throws Exception {
        String signedData = AppSyncSocket.data(SUBSCRIBE, Map.of("r", "lobby"));
        String sentData = AppSyncSocket.data(SUBSCRIBE, Map.of("r", "private"));
        assertStartRefused(startOnSignedConnection(CALLER, sentData, startAuth(CALLER, signedData)),
                "'x-amz-content-sha256' header does not match");
    }

    @Test
    void startWithTheWrongSecret_isRefused() throws Exception {
        String data = AppSyncSocket.data(SUBSCRIBE, Map.of("r", "lobby"));
        assertStartRefused(startOnSignedConnection(CALLER, data,
                        startAuth(AwsCredentialsIdentity.create("AKIASUBSCRIBER00001", "wrong"), data)),
                "signature we calculated does not match");
    }

    @Test
    void principalWhosePolicyDeniesTheSubscription_isRefused() throws Exception {
        String data = AppSyncSocket.data(SUBSCRIBE, Map.of("r", "lobby"));
        assertStartRefused(startOnSignedConnection(DENIED, data, startAuth(DENIED, data)),
                "is not authorized to perform: appsync:GraphQL on resource: arn:aws:appsync:us-east-1:123456789012:"
                        + "apis/iamsubscriptions0000000000a/types/Subscription/fields/onPost with an explicit deny");
        // The deny is the subscription field's alone: the same signer may still post.
        assertThat(publish(DENIED, "lobby", "publisher", "still allowed").statusCode()).isEqualTo(200);
    }

    /** The answer to a start of {@code data} with {@code authorization}, on a connection {@code identity} signed. */
    private static JsonNode startOnSignedConnection(AwsCredentialsIdentity identity, String data,
                                                    Map<String, String> authorization) throws Exception {
        try (AppSyncSocket socket = AppSyncSocket.open(api.realtimeUrl(), connectAuth(identity), false)) {
            assertThat(socket.init().path("type").asText()).isEqualTo("connection_ack");
            return socket.startSigned("s1", data, authorization, Map.of());
        }
    }

    @Test
    void awsAppSyncSubscriptionLink_withIamCredentials_receivesTheSignersEvents() throws Exception {
        Eventually.await("earlier tests' subscriptions ended", Duration.ofSeconds(20),
                () -> api.engine().hub().subscriberCount() == 0);
        Process client = NodeScripts.start("appsync-subscribe.mjs", api.graphQlUrl(),
                "AWS_IAM:AKIASUBSCRIBER00001:subscribersecret", "3", SUBSCRIBE, "{\"r\":\"npm\"}");
        try {
            Eventually.await("the link's subscription started", Duration.ofSeconds(60),
                    () -> api.engine().hub().subscriberCount() == 1 || !client.isAlive());
            for (int i = 0; i < 3; i++) {
                assertThat(publish(CALLER, "npm", CALLER_ARN, "note " + i).statusCode()).isEqualTo(200);
            }
            List<String> lines = new java.util.ArrayList<>();
            List<String> texts = new java.util.ArrayList<>();
            try (java.io.BufferedReader out = client.inputReader(StandardCharsets.UTF_8)) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                    JsonNode event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
                    if (event.path("event").asText().equals("next")) {
                        texts.add(event.path("data").path("onPost").path("text").asText());
                    }
                }
            }
            assertThat(texts).as(lines + "\n" + console.toString(StandardCharsets.UTF_8))
                    .containsExactly("note 0", "note 1", "note 2");
            assertThat(client.waitFor()).as("subscription-link client exit code").isZero();
        } finally {
            client.destroyForcibly();
        }
    }

    @Test
    void withoutAuth_signaturesAreTakenAtTheirWord_asBefore() throws Exception {
        AwsCredentialsIdentity forged = AwsCredentialsIdentity.create("AKIASUBSCRIBER00001", "not the secret");
        String keyArn = "arn:aws:iam::123456789012:user/AKIASUBSCRIBER00001";
        try (Platform open = Platform.start(new PlatformConfig("127.0.0.1", 0,
                        EnvironmentSettings.defaults(dir.resolve("open")).withEcho(false)),
                List.of(), List.of(), Map.of(), Map.of(), List.of(), List.of(definition()))) {
            ServedGraphQlApi served = open.graphQlApis().iterator().next();
            URI connect = URI.create(served.graphQlUrl() + "/connect");
            Map<String, String> auth = new SdkSigner(forged, "appsync").signedHeaders("POST", connect, "{}",
                    amplifyHeaders());
            try (AppSyncSocket socket = AppSyncSocket.open(served.realtimeUrl(), auth, false)) {
                assertThat(socket.init().path("type").asText()).isEqualTo("connection_ack");
                String data = AppSyncSocket.data(SUBSCRIBE, Map.of("r", "lobby"));
                Map<String, String> startAuth = new SdkSigner(forged, "appsync").signedHeaders("POST",
                        URI.create(served.graphQlUrl()), data, amplifyHeaders());
                assertThat(socket.startSigned("s1", data, startAuth, Map.of()).path("type").asText())
                        .isEqualTo("start_ack");
                Map<String, Object> body = Map.of("query", POST, "variables",
                        Map.of("r", "lobby", "a", keyArn, "t", "unchecked"));
                HttpResponse<String> published = SdkSigner.send(new SdkSigner(forged, "appsync").sign("POST",
                        URI.create(served.graphQlUrl()), new com.fasterxml.jackson.databind.ObjectMapper()
                                .writeValueAsString(body), Map.of("content-type", "application/json"), r -> { }));
                assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
                JsonNode event = socket.next();
                assertThat(event.path("payload").path("data").path("onPost").path("text").asText())
                        .as(event.toString()).isEqualTo("unchecked");
            }
        }
    }

    @Test
    void graphqlTransportWs_connectsWithASignedHandshake_butCannotCarryASignedSubscription() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try (WsClient socket = WsClient.connect(URI.create(api.realtimeUrl().replace("/graphql/realtime", "/graphql")),
                "graphql-transport-ws")) {
            socket.send(json.writeValueAsString(Map.of("type", "connection_init", "payload", connectAuth(CALLER))));
            assertThat(socket.next().path("type").asText()).isEqualTo("connection_ack");
            socket.send(json.writeValueAsString(Map.of("type", "subscribe", "id", "t1", "payload",
                    Map.of("query", SUBSCRIBE, "variables", Map.of("r", "lobby")))));
            JsonNode refusal = socket.next();
            assertThat(refusal.path("type").asText()).as(refusal.toString()).isEqualTo("error");
            assertThat(refusal.path("payload").path(0).path("errorType").asText()).isEqualTo("UnauthorizedException");
            assertThat(refusal.path("payload").path(0).path("message").asText())
                    .contains("AppSync's real-time protocol, at /graphql/realtime");
        }
    }

    /** What Amplify signs for the handshake: {@code POST /graphql/connect} with body {@code {}}. */
    private static Map<String, String> connectAuth(AwsCredentialsIdentity identity) {
        return new SdkSigner(identity, "appsync").signedHeaders("POST", uri("/graphql/connect"), "{}",
                amplifyHeaders());
    }

    /** What Amplify signs for a start: {@code POST /graphql} with {@code payload.data} as the body. */
    private static Map<String, String> startAuth(AwsCredentialsIdentity identity, String data) {
        return new SdkSigner(identity, "appsync").signedHeaders("POST", uri("/graphql"), data, amplifyHeaders());
    }

    private static Map<String, String> amplifyHeaders() {
        return Map.of("accept", "application/json, text/javascript", "content-encoding", "amz-1.0",
                "content-type", "application/json; charset=UTF-8");
    }

    private static URI uri(String path) {
        return URI.create(api.graphQlUrl().replace("/graphql", path));
    }

    private static HttpResponse<String> publish(AwsCredentialsIdentity identity, String room, String author,
                                                String text) throws Exception {
        Map<String, Object> body = Map.of("query", POST, "variables", Map.of("r", room, "a", author, "t", text));
        return SdkSigner.send(new SdkSigner(identity, "appsync").sign("POST", URI.create(api.graphQlUrl()),
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body),
                Map.of("content-type", "application/json"), r -> { }));
    }

    private static void assertRefused(JsonNode answer, String message) {
        assertThat(answer.path("type").asText()).as(answer.toString()).isEqualTo("connection_error");
        JsonNode error = answer.path("payload").path("errors").path(0);
        assertThat(error.path("errorType").asText()).isEqualTo("UnauthorizedException");
        assertThat(error.path("errorCode").asInt()).isEqualTo(401);
        assertThat(error.path("message").asText()).contains(message);
    }

    private static void assertStartRefused(JsonNode answer, String message) {
        assertThat(answer.path("type").asText()).as(answer.toString()).isEqualTo("error");
        assertThat(answer.path("id").asText()).isEqualTo("s1");
        JsonNode error = answer.path("payload").path("errors").path(0);
        assertThat(error.path("errorType").asText()).isEqualTo("UnauthorizedException");
        assertThat(error.path("message").asText()).contains(message);
    }

    /** The decision log is written by a thread of its own. */
    private static void awaitConsole(String line) {
        Eventually.await("console line " + line, Duration.ofSeconds(20),
                () -> console.toString(StandardCharsets.UTF_8).contains(line));
    }
}
