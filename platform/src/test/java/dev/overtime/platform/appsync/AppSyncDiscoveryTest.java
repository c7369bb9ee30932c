package dev.overtime.platform.appsync;

import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import java.time.Duration;
import java.util.LinkedHashMap;

/**
 * The real AWS SDK's AppSync client (for JavaScript v3: the Java SDK's appsync module is not on the build's
 * registry) finds the served APIs, their local URLs and keys on the main port. */
class AppSyncDiscoveryTest {

    @TempDir
    static Path dir;
    static Platform platform;
    static Map<String, JsonNode> answers;

    @BeforeAll
    static void start() throws Exception {
        GraphQlApiDefinition definition = new GraphQlApiDefinition("Api", "discovery00000000000000000a", "found",
                List.of(AuthMode.API_KEY, AuthMode.AWS_IAM),
                List.of(new GraphQlApiKey("Key", "da2-discoverykey0000000000000", "for tests", 0)),
                "type Query { ping: String }", List.of(), List.of(), List.of());
        platform = Platform.start(new PlatformConfig("127.0.0.1", 0,
                        EnvironmentSettings.defaults(dir.resolve("data")).withEcho(false)),
                List.of(), List.of(), Map.of(), Map.of(), List.of(), List.of(definition));
        NodeScripts.Run run = NodeScripts.run(Duration.ofSeconds(60), "appsync-discovery.mjs",
                platform.endpoint().toString(), "discovery00000000000000000a");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        answers = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : run.stdout()) {
            JsonNode answer = json.readTree(line);
            answers.put(answer.get("call").asText(), answer);
        }
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void listsAndGetsTheApiWithItsLocalUrls() {
        ServedGraphQlApi served = platform.graphQlApis().iterator().next();
        JsonNode apis = answers.get("ListGraphqlApis").get("answer");
        assertThat(apis.size()).isEqualTo(1);
        JsonNode api = apis.get(0);
        assertThat(api.get("apiId").asText()).isEqualTo("discovery00000000000000000a");
        assertThat(api.get("name").asText()).isEqualTo("found");
        assertThat(api.get("authenticationType").asText()).isEqualTo("API_KEY");
        assertThat(api.at("/additionalAuthenticationProviders/0/authenticationType").asText()).isEqualTo("AWS_IAM");
        assertThat(api.at("/uris/GRAPHQL").asText()).isEqualTo(served.graphQlUrl());
        assertThat(api.at("/uris/REALTIME").asText()).isEqualTo(served.realtimeUrl());
        assertThat(api.get("arn").asText()).isEqualTo("arn:aws:appsync:us-east-1:123456789012:apis/discovery00000000000000000a");
        assertThat(answers.get("GetGraphqlApi").at("/answer/uris/GRAPHQL").asText()).isEqualTo(served.graphQlUrl());
    }

    @Test
    void listsTheKeysAndTheSchema() {
        JsonNode keys = answers.get("ListApiKeys").get("answer");
        assertThat(keys.size()).isEqualTo(1);
        assertThat(keys.at("/0/id").asText()).isEqualTo("da2-discoverykey0000000000000");
        assertThat(keys.at("/0/description").asText()).isEqualTo("for tests");
        assertThat(keys.at("/0/expires").asLong()).isGreaterThan(System.currentTimeMillis() / 1000);
        assertThat(answers.get("GetIntrospectionSchema").get("answer").asText()).contains("ping");
    }

    @Test
    void anUnknownApiIsNotFound() {
        JsonNode unknown = answers.get("GetGraphqlApi unknown");
        assertThat(unknown.get("error").asText()).isEqualTo("NotFoundException");
        assertThat(unknown.get("message").asText()).contains("nosuchapi");
    }
}
