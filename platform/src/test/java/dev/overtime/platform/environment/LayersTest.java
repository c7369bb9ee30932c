package dev.overtime.platform.environment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** Layers stacked into the function's /opt folder: their {@code bin/} on the PATH, their {@code extensions/} started. */
class LayersTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path data;
    @TempDir
    Path code;

    @Test
    void layerTools_areOnThePath_laterLayerWins_andLayerExtensionsRecordTheInvoke() throws Exception {
        Path events = code.resolve("events.log");
        Path firstLayer = layer("first", "bin/greet", "#!/usr/bin/env bash\necho first\n");
        executable(firstLayer.resolve("extensions/recorder"), recorder(events));
        Path secondLayer = layer("second", "bin/greet", "#!/usr/bin/env bash\necho second\n");
        FunctionDefinition fn = TestFunctions.bootstrap(code, "greeter", TestFunctions.loop("""
                  BODY="{\\"greeting\\":\\"$(greet)\\",\\"opt\\":\\"$OVERTIME_OPT\\"}"
                  curl -sS -X POST "$API/invocation/$ID/response" -d "$BODY" >/dev/null
                """), Duration.ofSeconds(5), null).withLayers(List.of(firstLayer, secondLayer));

        try (PlatformHarness harness = PlatformHarness.start(data, fn)) {
            InvokeResponse response = harness.lambda().invoke(b -> b.functionName("greeter"));

            assertThat(response.functionError()).isNull();
            Path opt = data.resolve("layers/greeter/opt");
            assertThat(response.payload().asUtf8String())
                    .isEqualTo("{\"greeting\":\"second\",\"opt\":\"" + opt + "\"}");
            String requestId = response.responseMetadata().requestId();
            Eventually.await("the layer's extension records the INVOKE", WAIT,
                    () -> lines(events).contains("INVOKE " + requestId));
        }
    }

    @Test
    void functionWithoutLayers_getsNoOptFolder() throws Exception {
        FunctionDefinition fn = TestFunctions.bootstrap(code, "plain", TestFunctions.loop("""
                  curl -sS -X POST "$API/invocation/$ID/response" -d "{\\"opt\\":\\"${OVERTIME_OPT:-none}\\"}" >/dev/null
                """), Duration.ofSeconds(5), null);

        try (PlatformHarness harness = PlatformHarness.start(data, fn)) {
            InvokeResponse response = harness.lambda().invoke(b -> b.functionName("plain"));

            assertThat(response.payload().asUtf8String()).isEqualTo("{\"opt\":\"none\"}");
            assertThat(data.resolve("layers")).doesNotExist();
        }
    }

    /** An extension that registers for INVOKE and appends {@code INVOKE <requestId>} to {@code out} for each. */
    private static String recorder(Path out) {
        return """
                #!/usr/bin/env bash
                set -u
                EXT="http://${AWS_LAMBDA_RUNTIME_API}/2020-01-01/extension"
                HEADERS=$(mktemp)
                curl -sS -D "$HEADERS" -o /dev/null -X POST "$EXT/register" \\
                  -H "Lambda-Extension-Name: $(basename "$0")" -d '{"events":["INVOKE","SHUTDOWN"]}'
                ID=$(grep -i '^lambda-extension-identifier:' "$HEADERS" | tr -d '\\r' | cut -d' ' -f2)
                while true; do
                  EVENT=$(curl -sS "$EXT/event/next" -H "Lambda-Extension-Identifier: $ID") || exit 2
                  case "$EVENT" in
                    *'"SHUTDOWN"'*) exit 0 ;;
                    *'"INVOKE"'*) echo "INVOKE $(echo "$EVENT" | sed 's/.*"requestId":"\\([^"]*\\)".*/\\1/')" >> %s ;;
                    *) exit 3 ;;
                  esac
                done
                """.formatted(out);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private Path layer(String name, String file, String script) throws IOException {
        Path layer = code.resolve("layers").resolve(name);
        executable(layer.resolve(file), script);
        return layer;
    }

    private static void executable(Path file, String script) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
