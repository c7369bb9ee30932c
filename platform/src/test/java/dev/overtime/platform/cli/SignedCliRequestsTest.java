package dev.overtime.platform.cli;

import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.security.AuthSettings;
import dev.overtime.platform.server.Platform;
import dev.overtime.platform.server.PlatformConfig;
import dev.overtime.platform.testfunctions.Greeter;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's requests carry SigV4 from AWS_ACCESS_KEY_ID and friends, so it works against serve --auth iam. */
class SignedCliRequestsTest {

    @TempDir
    static Path dir;
    static Platform platform;

    @BeforeAll
    static void start() throws Exception {
        Path iam = Files.writeString(dir.resolve("iam.yaml"), """
                principals:
                  - name: operator
                    accessKeyId: AKIAOPERATOR0000001
                    secretAccessKey: operatorsecret
                    policies:
                      - Statement: [{Effect: Allow, Action: ["lambda:InvokeFunction", "overtime:ListEvents"], Resource: "*"}]
                  - name: temporary
                    accessKeyId: ASIATEMPORARY000001
                    secretAccessKey: temporarysecret
                    sessionToken: token-1
                    policies:
                      - Statement: [{Effect: Allow, Action: "lambda:InvokeFunction", Resource: "*"}]
                """);
        platform = Platform.start(new PlatformConfig("127.0.0.1", 0, EnvironmentSettings.defaults(dir.resolve("data"))
                        .withEcho(false)).withConsole(new PrintStream(new ByteArrayOutputStream()))
                        .withAuth(AuthSettings.iam(iam)),
                List.of(TestFunctions.java("Greeter", Greeter.class)));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static HttpResponse<byte[]> invoke(Map<String, String> environment) throws Exception {
        PlatformClient client = new PlatformClient(platform.endpoint(), "", environment);
        return client.send("POST", client.uri("/2015-03-31/functions/Greeter/invocations"),
                "{\"name\":\"Cli\"}".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"));
    }

    @Test
    void withKeysInTheEnvironment_requestsAreSigned() throws Exception {
        HttpResponse<byte[]> response = invoke(Map.of("AWS_ACCESS_KEY_ID", "AKIAOPERATOR0000001",
                "AWS_SECRET_ACCESS_KEY", "operatorsecret"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(PlatformClient.text(response)).contains("Hello, Cli!");

        HttpResponse<byte[]> temporary = invoke(Map.of("AWS_ACCESS_KEY_ID", "ASIATEMPORARY000001",
                "AWS_SECRET_ACCESS_KEY", "temporarysecret", "AWS_SESSION_TOKEN", "token-1"));
        assertThat(temporary.statusCode()).isEqualTo(200);

        PlatformClient client = new PlatformClient(platform.endpoint(), "", Map.of("AWS_ACCESS_KEY_ID",
                "AKIAOPERATOR0000001", "AWS_SECRET_ACCESS_KEY", "operatorsecret"));
        HttpResponse<byte[]> events = client.send("GET", client.uri("/overtime/functions/Greeter/events?state=dead"),
                new byte[0], Map.of());
        assertThat(events.statusCode()).as(PlatformClient.text(events)).isEqualTo(200);
    }

    @Test
    void withoutKeys_theRefusalIsAwsError() throws Exception {
        HttpResponse<byte[]> response = invoke(Map.of());
        assertThat(PlatformClient.apiError(response)).hasMessage(
                "MissingAuthenticationTokenException: Missing Authentication Token");
    }
}
