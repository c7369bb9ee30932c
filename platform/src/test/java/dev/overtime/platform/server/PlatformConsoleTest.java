package dev.overtime.platform.server;

import dev.overtime.platform.environment.EnvironmentSettings;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Function output is echoed to the configured console, so a benchmark can echo without printing to its own. */
class PlatformConsoleTest {

    @TempDir
    Path data;

    @Test
    void echo_writesFunctionOutputToTheConfiguredConsole() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        var function = TestFunctions.bootstrap(data, "talker", TestFunctions.loop("""
                  echo "talking for $ID"
                  curl -sS -X POST "$API/invocation/$ID/response" -d '{"ok":true}' >/dev/null
                """), Duration.ofSeconds(10), 1);
        PlatformConfig config = new PlatformConfig("127.0.0.1", 0, EnvironmentSettings.defaults(data.resolve("data"))
                .withEcho(true)).withConsole(new PrintStream(console, true, StandardCharsets.UTF_8));

        try (Platform platform = Platform.start(config, List.of(function));
             HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(platform.endpoint()
                            + "/2015-03-31/functions/talker/invocations")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.body()).isEqualTo("{\"ok\":true}");
            Eventually.await("the function's line on the console", Duration.ofSeconds(10),
                    () -> console.toString(StandardCharsets.UTF_8).contains("[talker] talking for "));
        }
    }
}
