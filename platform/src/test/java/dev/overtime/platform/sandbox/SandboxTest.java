package dev.overtime.platform.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.testfunctions.SandboxView;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code serve --sandbox} with real bash functions, bubblewrap and the kernel's namespaces and cgroups: what one
 * function can reach of another, what it sees, and what happens when it passes its {@code MemorySize}.
 */
class SandboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final boolean REQUIRED = System.getenv("OVERTIME_REQUIRE_SANDBOX") != null;

    @TempDir
    Path data;
    @TempDir
    Path code;

    private static Optional<Sandboxes> support;

    @BeforeAll
    static void hostCanSandbox(@TempDir Path probe) {
        support = Sandboxes.open(probe, notice -> { });
        if (support.isEmpty()) {
            StringBuilder why = new StringBuilder();
            Sandboxes.open(probe, why::append);
            if (REQUIRED) {
                fail("OVERTIME_REQUIRE_SANDBOX is set but " + why);
            }
            assumeTrue(false, why + " (set OVERTIME_REQUIRE_SANDBOX to make this a failure)");
        }
    }

    /** Answers with its Runtime API address and code folder, after leaving a file in its /tmp. */
    private static final String REPORTS_ITSELF = TestFunctions.loop("""
              echo secret > /tmp/secret-of-beta
              curl -sS -X POST "$API/invocation/$ID/response" \\
                -d "{\\"api\\":\\"$AWS_LAMBDA_RUNTIME_API\\",\\"taskRoot\\":\\"$LAMBDA_TASK_ROOT\\"}" >/dev/null
            """);

    /** Tries to reach what the event names of another function, and tells what it sees of its own. */
    private static final String PROBES = TestFunctions.loop("""
              field() { printf '%s' "$EVENT" | sed -n "s/.*\\"$1\\":\\"\\([^\\"]*\\)\\".*/\\1/p"; }
              reach() { if "$@" >/dev/null 2>&1; then echo reached; else echo denied; fi; }
              CODE=$(reach cat "$(field betaCode)/bootstrap")
              TMP=$(reach cat "$(field betaTmpOnHost)")
              OWN_TMP=$(reach cat /tmp/secret-of-beta)
              API_OTHER=$(reach curl -sS -m 5 "http://$(field betaApi)/2018-06-01/runtime/invocation/next")
              LAMBDA=$(reach curl -sS -m 5 "$AWS_ENDPOINT_URL_LAMBDA/2015-03-31/functions")
              HOST=$(reach curl -sS -m 5 "http://$(field hostService)/")
              LAYER=$(cat /opt/layer.txt)
              TASK=$(ls /var/task | tr '\\n' ' ')
              EXTENSION=$(cat /tmp/extension-registered 2>/dev/null)
              curl -sS -X POST "$API/invocation/$ID/response" -d "{\\"betaCode\\":\\"$CODE\\",\\"betaTmp\\":\\"$TMP\\",\
            \\"sameTmpPath\\":\\"$OWN_TMP\\",\\"betaApi\\":\\"$API_OTHER\\",\\"lambdaApi\\":\\"$LAMBDA\\",\
            \\"hostService\\":\\"$HOST\\",\\"layer\\":\\"$LAYER\\",\
            \\"taskRoot\\":\\"$LAMBDA_TASK_ROOT\\",\\"task\\":\\"$TASK\\",\\"extension\\":\\"$EXTENSION\\"}" >/dev/null
            """);

    /** Registers over the function's own Runtime API address, then leaves proof in the environment's /tmp. */
    private static final String EXTENSION = """
            #!/usr/bin/env bash
            EXT="http://${AWS_LAMBDA_RUNTIME_API}/2020-01-01/extension"
            HEADERS=$(mktemp)
            curl -sS -D "$HEADERS" -o /dev/null -X POST "$EXT/register" -H 'Lambda-Extension-Name: witness' \\
              -d '{"events":["INVOKE"]}'
            ID=$(grep -i '^lambda-extension-identifier:' "$HEADERS" | tr -d '\\r' | cut -d' ' -f2)
            echo "registered at $AWS_LAMBDA_RUNTIME_API" > /tmp/extension-registered
            while true; do
              curl -sS -o /dev/null "$EXT/event/next" -H "Lambda-Extension-Identifier: $ID" || exit 0
            done
            """;

    @Test
    void sandboxedFunction_cannotReachAnothersCodeTmpRuntimeApiOrTheHost_andSeesItsOwnOptAndTask() throws Exception {
        Path layer = Files.createDirectories(code.resolve("layer"));
        Files.writeString(layer.resolve("layer.txt"), "from the layer");
        Path extension = Files.createDirectories(layer.resolve("extensions")).resolve("witness");
        Files.writeString(extension, EXTENSION);
        Files.setPosixFilePermissions(extension, PosixFilePermissions.fromString("rwxr-xr-x"));
        FunctionDefinition alpha = TestFunctions.bootstrap(code, "alpha", PROBES, TIMEOUT, null)
                .withLayers(List.of(layer));
        FunctionDefinition beta = TestFunctions.bootstrap(code, "beta", REPORTS_ITSELF, TIMEOUT, null);

        try (PlatformHarness harness = PlatformHarness.start(data, s -> s.withSandbox(true), alpha, beta)) {
            JsonNode betaSays = answer(harness.lambda().invoke(b -> b.functionName("beta")));
            assertThat(betaSays.path("taskRoot").asText()).isEqualTo("/var/task");
            Path betaTmp = fileUnder(data.resolve("sandboxes"), "secret-of-beta");
            assertThat(betaTmp).as("beta's /tmp file, seen from the host").content().isEqualTo("secret\n");

            JsonNode alphaSays;
            try (HostService hostOnly = new HostService()) {
                String event = JSON.writeValueAsString(Map.of("betaCode", beta.code().toString(),
                        "betaTmpOnHost", betaTmp.toString(), "betaApi", betaSays.path("api").asText(),
                        "hostService", hostOnly.address()));
                alphaSays = answer(harness.lambda().invoke(b -> b.functionName("alpha")
                        .payload(SdkBytes.fromUtf8String(event))));
                assertThat(hostOnly.requests()).as("requests that reached the host's service").isZero();
            }

            assertThat(alphaSays.path("betaCode").asText()).as("another function's code").isEqualTo("denied");
            assertThat(alphaSays.path("betaTmp").asText()).as("another function's /tmp").isEqualTo("denied");
            assertThat(alphaSays.path("sameTmpPath").asText()).as("its own /tmp is its own").isEqualTo("denied");
            assertThat(alphaSays.path("betaApi").asText()).as("another environment's Runtime API").isEqualTo("denied");
            assertThat(alphaSays.path("hostService").asText()).as("a service on the host's loopback").isEqualTo("denied");
            assertThat(alphaSays.path("lambdaApi").asText()).as("the platform's Lambda API, as on AWS").isEqualTo("reached");
            assertThat(alphaSays.path("layer").asText()).isEqualTo("from the layer");
            assertThat(alphaSays.path("taskRoot").asText()).isEqualTo("/var/task");
            assertThat(alphaSays.path("task").asText()).contains("bootstrap");
            assertThat(alphaSays.path("extension").asText()).as("an /opt/extensions process, same address and /tmp")
                    .startsWith("registered at 127.0.0.1:");
        }
    }

    @Test
    void javaAndNodeRuntimes_workUnchanged_withTheExecWrapperAndLayerAtOpt() throws Exception {
        Path layer = Files.createDirectories(code.resolve("layer"));
        Files.writeString(layer.resolve("layer.txt"), "from the layer");
        Path wrapper = layer.resolve("wrapper");
        Files.writeString(wrapper, "#!/bin/sh\nexport WRAPPED_BY=\"$0\"\nexec \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        FunctionDefinition java = TestFunctions.java("java-view", SandboxView.class.getName(), TIMEOUT, null,
                Map.of("AWS_LAMBDA_EXEC_WRAPPER", "/opt/wrapper"));
        Path nodeCode = Files.createDirectories(code.resolve("node-view"));
        Files.writeString(nodeCode.resolve("index.mjs"), """
                import { readFileSync } from 'node:fs';
                export const handler = async () => ({ api: process.env.AWS_LAMBDA_RUNTIME_API,
                  taskRoot: process.env.LAMBDA_TASK_ROOT, layer: readFileSync('/opt/layer.txt', 'utf8') });
                """);
        FunctionDefinition node = new FunctionDefinition("node-view", "node-view", "nodejs20.x", "index.handler",
                nodeCode, TIMEOUT, 256, Map.of(), null, "");

        try (PlatformHarness harness = PlatformHarness.start(data, s -> s.withSandbox(true),
                java.withLayers(List.of(layer)), node.withLayers(List.of(layer)))) {
            JsonNode javaSays = answer(harness.lambda().invoke(b -> b.functionName("java-view")));
            assertThat(javaSays.path("api").asText()).startsWith("127.0.0.1:");
            assertThat(javaSays.path("taskRoot").asText()).isEqualTo("/var/task");
            assertThat(javaSays.path("layer").asText()).isEqualTo("from the layer");
            assertThat(javaSays.path("wrapped").asText()).isEqualTo("/opt/wrapper");

            JsonNode nodeSays = answer(harness.lambda().invoke(b -> b.functionName("node-view")));
            assertThat(nodeSays.path("api").asText()).startsWith("127.0.0.1:");
            assertThat(nodeSays.path("taskRoot").asText()).isEqualTo("/var/task");
            assertThat(nodeSays.path("layer").asText()).isEqualTo("from the layer");
        }
    }

    /** Fills a bash variable until it holds far more than the function's 128 MB, unless the event says small. */
    private static final String HOG = TestFunctions.loop("""
              if [ "$EVENT" != '"small"' ]; then BIG=$(head -c 600000000 /dev/zero | tr '\\0' x); fi
              curl -sS -X POST "$API/invocation/$ID/response" -d "{\\"pid\\":$$}" >/dev/null
            """);

    @Test
    void functionPastItsMemorySize_isKilledWithAwsError_andTheNextInvokeGetsANewEnvironment() throws Exception {
        FunctionDefinition hog = TestFunctions.bootstrap(code, "hog", HOG, TIMEOUT, null);
        assertThat(hog.memorySizeMb()).isEqualTo(128);

        try (PlatformHarness harness = PlatformHarness.start(data, s -> s.withSandbox(true), hog)) {
            harness.lambda().invoke(b -> b.functionName("hog").payload(SdkBytes.fromUtf8String("\"small\"")));
            String first = harness.environments("hog").getFirst().id();
            InvokeResponse killed = harness.lambda().invoke(b -> b.functionName("hog").logType(LogType.TAIL));
            assertThat(killed.functionError()).isEqualTo("Unhandled");
            JsonNode error = JSON.readTree(killed.payload().asUtf8String());
            assertThat(error.path("errorType").asText()).isEqualTo("Runtime.OutOfMemory");
            assertThat(error.path("errorMessage").asText())
                    .matches("RequestId: [0-9a-f-]+ Error: Runtime exited with error: signal: killed");
            String log = new String(Base64.getDecoder().decode(killed.logResult()), StandardCharsets.UTF_8);
            Matcher used = Pattern.compile("Memory Size: 128 MB\tMax Memory Used: (\\d+) MB").matcher(log);
            assertThat(used.find()).as("REPORT line in %s", log).isTrue();
            // A cgroup's peak is its limit; sampled memory (no cgroup) may be seen past it.
            assertThat(Integer.parseInt(used.group(1))).isGreaterThanOrEqualTo(100);
            if (support.orElseThrow().limitsMemoryWithCgroups()) {
                assertThat(Integer.parseInt(used.group(1))).isLessThanOrEqualTo(128);
            }

            InvokeResponse next = harness.lambda().invoke(b -> b.functionName("hog")
                    .payload(SdkBytes.fromUtf8String("\"small\"")));
            assertThat(next.functionError()).as(next.payload().asUtf8String()).isNull();
            assertThat(harness.environments("hog")).singleElement()
                    .satisfies(replacement -> assertThat(replacement.id()).isNotEqualTo(first));
        }
    }

    /** Answers with the size of its /tmp; asked to "fill", first writes 50 MB more than that and says how it ended. */
    private static final String SCRATCH = TestFunctions.loop("""
              SIZE=$(df -m --output=size /tmp | tail -1 | tr -d ' ')
              FULL=no
              if [ "$EVENT" = '"fill"' ]; then
                case $(dd if=/dev/zero of=/tmp/fill bs=1M count=$((SIZE + 50)) 2>&1) in
                  *'No space left on device'*) FULL=yes ;;
                esac
                rm -f /tmp/fill
              fi
              printf '{"sizeMb":%s,"full":"%s"}' "$SIZE" "$FULL" \\
                | curl -sS -X POST "$API/invocation/$ID/response" -d @- >/dev/null
            """);

    @Test
    void sandboxedTmp_hasTheFunctionsEphemeralStorage_andANewSizeReachesNewEnvironments() throws Exception {
        FunctionDefinition script = TestFunctions.bootstrap(code, "scratch", SCRATCH, TIMEOUT, null);
        // Memory above /tmp: tmpfs pages count towards the environment's memory cgroup.
        FunctionDefinition scratch = new FunctionDefinition(script.logicalId(), script.name(), script.runtime(),
                script.handler(), script.code(), script.timeout(), 1536, script.environment(), null, "", null,
                List.of(), 600);

        try (PlatformHarness harness = PlatformHarness.start(data, s -> s.withSandbox(true), scratch)) {
            JsonNode filled = answer(harness.lambda().invoke(b -> b.functionName("scratch")
                    .payload(SdkBytes.fromUtf8String("\"fill\""))));
            assertThat(filled.path("sizeMb").asInt()).isEqualTo(600);
            assertThat(filled.path("full").asText()).as("writing past EphemeralStorage ends in ENOSPC")
                    .isEqualTo("yes");

            harness.lambda().updateFunctionConfiguration(b -> b.functionName("scratch")
                    .ephemeralStorage(e -> e.size(700)));

            JsonNode resized = answer(harness.lambda().invoke(b -> b.functionName("scratch")));
            assertThat(resized.path("sizeMb").asInt()).isEqualTo(700);
        }
    }

    private static JsonNode answer(InvokeResponse response) throws IOException {
        String body = response.payload().asUtf8String();
        assertThat(response.functionError()).as(body).isNull();
        return JSON.readTree(body);
    }

    /** An HTTP service on the host's loopback that counts the requests reaching it. */
    private static final class HostService implements AutoCloseable {
        private final HttpServer server;
        private final AtomicInteger requests = new AtomicInteger();

        HostService() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String address() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        int requests() {
            return requests.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static Path fileUnder(Path root, String name) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " is not under " + root));
        }
    }
}
