package dev.overtime.platform.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.function.WebAdapterLayer;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import dev.overtime.platform.testfunctions.Greeter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The platform's side of the built-in web adapter layer, with a stand-in for the adapter where one is needed:
 * {@code AWS_LAMBDA_EXEC_WRAPPER}, the layers' {@code bootstrap} for {@code provided.al2023}, a port per
 * environment. The adapter itself is tested end to end by {@code WebAdapterEndToEndTest}.
 */
class WebAdapterLayerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    @TempDir
    Path dir;

    @Test
    void builtInLayer_onProvidedWithoutBootstrap_runsTheHandlerScript_andEachEnvironmentGetsItsOwnPort()
            throws Exception {
        Path extensionPorts = dir.resolve("extension-ports.log");
        Path standIn = layer("stand-in", "extensions/lambda-adapter", standInAdapter(extensionPorts));
        Path code = Files.createDirectories(dir.resolve("app"));
        // Each invocation waits for the other, so the second one needs an environment of its own.
        Path gate = Files.createDirectories(dir.resolve("gate"));
        executable(code.resolve("run.sh"), "#!/usr/bin/env bash\nset -u\n"
                + "API=\"http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime\"\n" + TestFunctions.loop("""
                  touch "%1$s/$$"
                  for i in $(seq 150); do [ "$(ls %1$s | wc -l)" -ge 2 ] && break; sleep 0.1; done
                  BODY="{\\"port\\":\\"$PORT\\",\\"lwaPort\\":\\"$AWS_LWA_PORT\\",\\"readiness\\":\\"$AWS_LWA_READINESS_CHECK_PORT\\",\\"pid\\":$$}"
                  curl -sS -X POST "$API/invocation/$ID/response" -d "$BODY" >/dev/null
                """.formatted(gate)));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", "8080");
        env.put("AWS_LWA_READINESS_CHECK_PORT", "8080");
        FunctionDefinition fn = new FunctionDefinition("app", "app", "provided.al2023", "run.sh", code,
                Duration.ofSeconds(20), 128, env, null, "", null, List.of(WebAdapterLayer.MARKER, standIn));

        try (PlatformHarness harness = PlatformHarness.start(data, fn);
             ExecutorService callers = Executors.newFixedThreadPool(2)) {
            List<CompletableFuture<InvokeResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> harness.lambda().invoke(b -> b.functionName("app")),
                        callers));
            }
            Set<String> ports = new HashSet<>();
            Set<Long> pids = new HashSet<>();
            for (CompletableFuture<InvokeResponse> call : calls) {
                InvokeResponse response = call.join();
                assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
                JsonNode answer = JSON.readTree(response.payload().asByteArray());
                assertThat(answer.path("lwaPort").asText()).isEqualTo(answer.path("port").asText());
                assertThat(answer.path("readiness").asText()).isEqualTo(answer.path("port").asText());
                ports.add(answer.path("port").asText());
                pids.add(answer.path("pid").asLong());
            }

            assertThat(pids).as("two environments").hasSize(2);
            assertThat(ports).hasSize(2).doesNotContain("8080");
            assertThat(new HashSet<>(Files.readAllLines(extensionPorts))).as("the adapter sees its app's port")
                    .isEqualTo(ports);
        }
    }

    @Test
    void webAppPort_replacesTheTemplatesPorts_andKeepsAReadinessPortOfItsOwn() {
        Map<String, String> sameAsApp = new LinkedHashMap<>(Map.of("AWS_LWA_PORT", "3000",
                "AWS_LWA_READINESS_CHECK_PORT", "3000"));
        Map<String, String> separate = new LinkedHashMap<>(Map.of("AWS_LWA_READINESS_CHECK_PORT", "9901"));

        FunctionProcessLauncher.webAppPort(sameAsApp, 41000);
        FunctionProcessLauncher.webAppPort(separate, 41001);

        assertThat(sameAsApp).containsEntry("AWS_LWA_PORT", "41000").containsEntry("PORT", "41000")
                .containsEntry("AWS_LWA_READINESS_CHECK_PORT", "41000");
        assertThat(separate).containsEntry("AWS_LWA_PORT", "41001").containsEntry("PORT", "41001")
                .containsEntry("AWS_LWA_READINESS_CHECK_PORT", "9901");
    }

    @Test
    void provided_withoutBootstrapInTheCode_runsTheLayersBootstrap() throws Exception {
        Path layer = layer("runtime", "bootstrap", "#!/usr/bin/env bash\nset -u\n"
                + "API=\"http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime\"\n" + TestFunctions.loop("""
                  curl -sS -X POST "$API/invocation/$ID/response" -d '{"from":"layer"}' >/dev/null
                """));
        Path code = Files.createDirectories(dir.resolve("empty"));
        FunctionDefinition fn = new FunctionDefinition("layered", "layered", "provided.al2023", null, code,
                Duration.ofSeconds(5), 128, Map.of(), null, "", null, List.of(layer));

        try (PlatformHarness harness = PlatformHarness.start(data, fn)) {
            InvokeResponse response = harness.lambda().invoke(b -> b.functionName("layered"));

            assertThat(response.payload().asUtf8String()).isEqualTo("{\"from\":\"layer\"}");
        }
    }

    @Test
    void execWrapper_fromTheCode_wrapsTheNodeRuntime() throws Exception {
        Path args = dir.resolve("node-args.log");
        Path code = Files.createDirectories(dir.resolve("node"));
        Files.writeString(code.resolve("index.mjs"),
                "export const handler = async () => ({ wrapper: process.env.AWS_LAMBDA_EXEC_WRAPPER });\n");
        executable(code.resolve("wrapper.sh"), recordingWrapper(args));
        FunctionDefinition fn = new FunctionDefinition("node-wrapped", "node-wrapped", "nodejs20.x", "index.handler",
                code, Duration.ofSeconds(10), 128, Map.of("AWS_LAMBDA_EXEC_WRAPPER", "/var/task/wrapper.sh"), null, "");

        try (PlatformHarness harness = PlatformHarness.start(data, fn)) {
            InvokeResponse response = harness.lambda().invoke(b -> b.functionName("node-wrapped"));

            assertThat(response.payload().asUtf8String()).isEqualTo("{\"wrapper\":\"/var/task/wrapper.sh\"}");
            List<String> recorded = Files.readAllLines(args);
            assertThat(recorded).hasSize(2);
            assertThat(recorded.get(0)).endsWith("/node");
            assertThat(recorded.get(1)).endsWith("/node/bootstrap.mjs");
        }
    }

    @Test
    void execWrapper_fromALayer_wrapsTheJavaRuntime() throws Exception {
        Path args = dir.resolve("java-args.log");
        Path layer = layer("wrappers", "wrapper.sh", recordingWrapper(args));
        FunctionDefinition fn = TestFunctions.java("java-wrapped", Greeter.class.getName(), Duration.ofSeconds(20),
                null, Map.of("AWS_LAMBDA_EXEC_WRAPPER", "/opt/wrapper.sh")).withLayers(List.of(layer));

        try (PlatformHarness harness = PlatformHarness.start(data, fn)) {
            InvokeResponse response = harness.lambda().invoke(b -> b.functionName("java-wrapped")
                    .payload(SdkBytes.fromUtf8String("{\"name\":\"Ada\"}")));

            assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
            List<String> recorded = Files.readAllLines(args);
            assertThat(recorded.getFirst()).endsWith("/bin/java");
            assertThat(recorded).contains("dev.overtime.runtime.Main");
            assertThat(recorded.getLast()).isEqualTo(Greeter.class.getName());
        }
    }

    @Test
    void execWrapper_thatDoesNotExist_failsTheInitNamingIt() throws Exception {
        FunctionDefinition fn = TestFunctions.java("badly-wrapped", Greeter.class.getName(), Duration.ofSeconds(20),
                null, Map.of("AWS_LAMBDA_EXEC_WRAPPER", "/opt/missing.sh"));

        try (PlatformHarness harness = PlatformHarness.start(data, fn)) {
            InvokeResponse response = harness.lambda().invoke(b -> b.functionName("badly-wrapped"));

            assertThat(response.functionError()).isNotNull();
            assertThat(response.payload().asUtf8String()).contains("Runtime.InvalidEntrypoint")
                    .contains("AWS_LAMBDA_EXEC_WRAPPER /opt/missing.sh").contains("the function has no layers");
        }
    }

    @Test
    void builtInLayer_withoutTheAdapterInThisBuild_failsTheInitSayingSo() throws Exception {
        assumeTrue(WebAdapterLayerTest.class.getResource("/overtime/overtime-web-adapter.jar") == null,
                "this build has the web adapter");
        Path code = Files.createDirectories(dir.resolve("app"));
        executable(code.resolve("run.sh"), "#!/bin/sh\nexec sleep 60\n");
        FunctionDefinition fn = new FunctionDefinition("no-adapter", "no-adapter", "provided.al2023", "run.sh", code,
                Duration.ofSeconds(5), 128, Map.of(), null, "", null, List.of(WebAdapterLayer.MARKER));

        try (PlatformHarness harness = PlatformHarness.start(data, fn)) {
            InvokeResponse response = harness.lambda().invoke(b -> b.functionName("no-adapter"));

            JsonNode error = JSON.readTree(response.payload().asByteArray());
            assertThat(error.path("errorType").asText()).isEqualTo("Extension.LaunchError");
            assertThat(error.path("errorMessage").asText()).contains("no web adapter")
                    .contains("overtime-web-adapter.jar");
        }
    }

    /** Records its arguments, one a line, then runs them, as an {@code AWS_LAMBDA_EXEC_WRAPPER} would. */
    private static String recordingWrapper(Path out) {
        return "#!/bin/sh\nprintf '%%s\\n' \"$@\" > %s\nexec \"$@\"\n".formatted(out);
    }

    /**
     * Plays the adapter's part as far as the platform sees it: registers as {@code lambda-adapter}, records the
     * {@code AWS_LWA_PORT} it was given, and waits for events.
     */
    private static String standInAdapter(Path ports) {
        return """
                #!/usr/bin/env bash
                set -u
                echo "$AWS_LWA_PORT" >> %s
                EXT="http://${AWS_LAMBDA_RUNTIME_API}/2020-01-01/extension"
                HEADERS=$(mktemp)
                curl -sS -D "$HEADERS" -o /dev/null -X POST "$EXT/register" \\
                  -H "Lambda-Extension-Name: $(basename "$0")" -d '{"events":["INVOKE","SHUTDOWN"]}'
                ID=$(grep -i '^lambda-extension-identifier:' "$HEADERS" | tr -d '\\r' | cut -d' ' -f2)
                while true; do
                  EVENT=$(curl -sS "$EXT/event/next" -H "Lambda-Extension-Identifier: $ID") || exit 2
                  case "$EVENT" in
                    *'"SHUTDOWN"'*) exit 0 ;;
                  esac
                done
                """.formatted(ports);
    }

    private Path layer(String name, String file, String script) throws IOException {
        Path layer = dir.resolve("layers").resolve(name);
        executable(layer.resolve(file), script);
        return layer;
    }

    private static void executable(Path file, String script) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
