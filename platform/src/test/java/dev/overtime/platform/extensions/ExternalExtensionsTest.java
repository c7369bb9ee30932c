package dev.overtime.platform.extensions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.environment.EnvironmentState;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Real external extensions: bash scripts in the code's {@code extensions/} folder, speaking the Extensions API with curl. */
class ExternalExtensionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ECHO = TestFunctions.ANSWERS_OK;

    @TempDir
    Path data;
    @TempDir
    Path code;

    @Test
    void invokeEvent_carriesTheInvocationsFields() throws Exception {
        Path out = code.resolve("events.log");
        FunctionDefinition fn = withExtension(TestFunctions.bootstrap(code, "echo", ECHO, Duration.ofSeconds(5), null),
                "recorder", recorder(out, ""));
        try (PlatformHarness harness = PlatformHarness.start(data, fn)) {
            long before = System.currentTimeMillis();
            InvokeResponse response = harness.lambda().invoke(b -> b.functionName("echo"));
            assertThat(response.functionError()).isNull();

            Eventually.await("the INVOKE event is recorded", WAIT, () -> lines(out, "INVOKE").size() == 1);
            JsonNode event = JSON.readTree(lines(out, "INVOKE").getFirst().substring("INVOKE ".length()));
            assertThat(event.path("eventType").asText()).isEqualTo("INVOKE");
            assertThat(event.path("requestId").asText()).isEqualTo(response.responseMetadata().requestId());
            assertThat(event.path("deadlineMs").asLong()).isGreaterThan(before);
            assertThat(event.path("invokedFunctionArn").asText()).startsWith("arn:aws:lambda:").endsWith(":function:echo");
        }
    }

    @Test
    void slowExtension_callerIsAnsweredAtOnce_butTheEnvironmentWaitsForIt() throws Exception {
        Path out = code.resolve("events.log");
        FunctionDefinition fn = withExtension(TestFunctions.bootstrap(code, "echo", ECHO, Duration.ofSeconds(5), 1),
                "slow", recorder(out, "sleep 0.5"));
        try (PlatformHarness harness = PlatformHarness.start(data, fn)) {
            harness.lambda().invoke(b -> b.functionName("echo")); // warm: init is not what is measured
            Eventually.await("the warm-up settled", WAIT, () -> lines(out, "DONE").size() == 1
                    && harness.environments("echo").getFirst().state() == EnvironmentState.IDLE);

            long start = System.currentTimeMillis();
            InvokeResponse first = harness.lambda().invoke(b -> b.functionName("echo"));
            long answered = System.currentTimeMillis();
            InvokeResponse second = harness.lambda().invoke(b -> b.functionName("echo"));

            Eventually.await("both INVOKEs are done", WAIT, () -> lines(out, "DONE").size() == 3);
            long firstDone = millisOf(out, "DONE", first.responseMetadata().requestId());
            long secondReceived = millisOf(out, "RECEIVED", second.responseMetadata().requestId());
            assertThat(firstDone).isGreaterThanOrEqualTo(answered);
            assertThat(secondReceived).isGreaterThanOrEqualTo(firstDone);
            String log = Files.readString(Path.of(harness.environments("echo").getFirst().logFile()));
            assertThat(log).containsPattern("REPORT RequestId: " + first.responseMetadata().requestId()
                    + "\\s+Duration: ([5-9]\\d\\d|\\d{4,})\\.");
        }
    }

    @Test
    void extensionPastTheFunctionTimeout_isCutOffWithTaskTimedOut_andGetsShutdownTimeout() throws Exception {
        Path out = code.resolve("events.log");
        FunctionDefinition fn = withExtension(TestFunctions.bootstrap(code, "echo", ECHO, Duration.ofSeconds(1), 1),
                "overrunner", recorder(out, "sleep 1.5"));
        try (PlatformHarness harness = PlatformHarness.start(data, fn)) {
            long start = System.currentTimeMillis();
            InvokeResponse answered = harness.lambda().invoke(b -> b.functionName("echo"));
            long took = System.currentTimeMillis() - start;
            String environment = harness.environments("echo").getFirst().id();
            Path log = Path.of(harness.environments("echo").getFirst().logFile());

            assertThat(answered.functionError()).isNull();
            Eventually.await("the timeout line in " + log, WAIT,
                    () -> Files.exists(log) && read(log).contains("Task timed out after 1.00 seconds"));
            Eventually.await("SHUTDOWN with reason timeout", WAIT, () -> lines(out, "SHUTDOWN").size() == 1);
            // Measured from the event's arrival, not from the call: a cold start on a busy machine is not the point.
            long received = millisOf(out, "RECEIVED", answered.responseMetadata().requestId());
            assertThat(start + took).as("answered before the 1 s timeout ran out").isLessThan(received + 1000);
            assertThat(lines(out, "SHUTDOWN").getFirst()).contains("\"shutdownReason\":\"timeout\"");
            InvokeResponse next = harness.lambda().invoke(b -> b.functionName("echo"));
            assertThat(next.functionError()).isNull();
            assertThat(harness.environments("echo")).extracting(e -> e.id()).doesNotContain(environment);
        }
    }

    @Test
    void extensionInitError_failsInitWithItsErrorType() throws Exception {
        String failingInit = """
                #!/usr/bin/env bash
                EXT="http://${AWS_LAMBDA_RUNTIME_API}/2020-01-01/extension"
                HEADERS=$(mktemp)
                curl -sS -D "$HEADERS" -o /dev/null -X POST "$EXT/register" \\
                  -H "Lambda-Extension-Name: $(basename "$0")" -d '{"events":["INVOKE"]}'
                ID=$(grep -i '^lambda-extension-identifier:' "$HEADERS" | tr -d '\\r' | cut -d' ' -f2)
                curl -sS -o /dev/null -X POST "$EXT/init/error" -H "Lambda-Extension-Identifier: $ID" \\
                  -H "Lambda-Extension-Function-Error-Type: Extension.ConfigInvalid" \\
                  -d '{"errorMessage":"no API key","errorType":"Extension.ConfigInvalid"}'
                sleep 30
                """;
        FunctionDefinition fn = withExtension(TestFunctions.bootstrap(code, "echo", ECHO, Duration.ofSeconds(5), null),
                "config-checker", failingInit);
        try (PlatformHarness harness = PlatformHarness.start(data, fn)) {
            InvokeResponse failed = harness.lambda().invoke(b -> b.functionName("echo"));

            assertThat(failed.functionError()).isEqualTo("Unhandled");
            assertThat(JSON.readTree(failed.payload().asByteArray()).path("errorType").asText())
                    .isEqualTo("Extension.ConfigInvalid");
        }
    }

    @Test
    void platformClosedWithinTheShutdownBudget_ofAnEnvironmentWhoseRuntimeCrashed_leavesNoExtensionBehind()
            throws Exception {
        Path pids = code.resolve("pids");
        // Registered (so it is given the full budget), but not for SHUTDOWN: it would run on for 30 s.
        String lingering = """
                #!/usr/bin/env bash
                EXT="http://${AWS_LAMBDA_RUNTIME_API}/2020-01-01/extension"
                sleep 30 &
                echo "$$ $!" > %s
                curl -sS -o /dev/null -X POST "$EXT/register" \\
                  -H "Lambda-Extension-Name: $(basename "$0")" -d '{"events":["INVOKE"]}'
                wait
                """.formatted(pids);
        FunctionDefinition fn = withExtension(
                TestFunctions.bootstrap(code, "crasher", "exit 1\n", Duration.ofSeconds(5), null), "lingering", lingering);
        try (PlatformHarness harness = PlatformHarness.start(data, fn)) {
            InvokeResponse failed = harness.lambda().invoke(b -> b.functionName("crasher"));

            assertThat(failed.functionError()).isEqualTo("Unhandled");
        }

        List<Long> extensionAndChild = Arrays.stream(Files.readString(pids).trim().split(" "))
                .map(Long::valueOf).toList();
        // Sooner than the 2 s budget the runtime's crash gave the extension: close cut it short.
        Eventually.await("the extension and its child are gone", Duration.ofMillis(1500),
                () -> extensionAndChild.stream().noneMatch(ExternalExtensionsTest::running));
    }

    @Test
    void platformClosedWhileAnEnvironmentLaunches_startsNoRuntimeLater_andLeavesNoProcessBehind() throws Exception {
        Path extensionPids = code.resolve("extension-pids");
        Path runtimePid = code.resolve("runtime-pid");
        // Never registers: the launch waits for it, up to the 10 s init timeout, before starting the runtime.
        String silent = """
                #!/usr/bin/env bash
                sleep 30 &
                echo "$$ $!" > %s
                wait
                """.formatted(extensionPids);
        FunctionDefinition fn = withExtension(TestFunctions.bootstrap(code, "slowstart",
                "echo $$ > " + runtimePid + "\nsleep 30\n", Duration.ofSeconds(5), null), "silent", silent);
        PlatformHarness harness = PlatformHarness.start(data, fn);
        java.util.concurrent.CompletableFuture<InvokeResponse> invoke = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> harness.lambda().invoke(b -> b.functionName("slowstart")));
        Eventually.await("the extension started", WAIT, () -> read(extensionPids).trim().contains(" "));

        long start = System.nanoTime();
        harness.close();
        long closeMillis = (System.nanoTime() - start) / 1_000_000;

        // Close did not wait out the init timeout, and the caller got an answer rather than a hang.
        assertThat(closeMillis).isLessThan(5_000);
        assertThat(invoke.get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).functionError())
                .isEqualTo("Unhandled");
        // The launch stopped short: no runtime started after close, and the extension is gone.
        assertThat(runtimePid).doesNotExist();
        List<Long> extensionAndChild = Arrays.stream(read(extensionPids).trim().split(" ")).map(Long::valueOf).toList();
        Eventually.await("the extension and its child are gone", Duration.ofMillis(1500),
                () -> extensionAndChild.stream().noneMatch(ExternalExtensionsTest::running));
        assertThat(processesOf("slowstart")).isEmpty();
    }

    /** A killed orphan stays a zombie until init reaps it: alive to {@link ProcessHandle}, but with no command left. */
    private static boolean running(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(p -> p.info().command()).isPresent();
    }

    @Test
    void tenExtensions_allReceiveInvoke_andAnEleventhRegistrationIsRefusedWithTooManyExtensions() throws Exception {
        Path out = code.resolve("events.log");
        String internalEleventh = """
                EXT="http://${AWS_LAMBDA_RUNTIME_API}/2020-01-01/extension"
                echo "ELEVENTH $(curl -s -w ' %%{http_code}' -X POST "$EXT/register" \\
                  -H 'Lambda-Extension-Name: internal-eleventh' -d '{"events":["INVOKE"]}')" >> %s
                """.formatted(out);
        FunctionDefinition fn = TestFunctions.bootstrap(code, "echo", internalEleventh + ECHO, Duration.ofSeconds(5), null);
        for (int i = 1; i <= ExtensionSet.MAX_EXTENSIONS; i++) {
            withExtension(fn, "ext%02d".formatted(i), recorder(out, """
                          echo "BY $(basename "$0") $RID" >> "$OUT"
                    """));
        }
        try (PlatformHarness harness = PlatformHarness.start(data, fn)) {
            InvokeResponse response = harness.lambda().invoke(b -> b.functionName("echo"));
            String requestId = response.responseMetadata().requestId();

            assertThat(response.functionError()).isNull();
            assertThat(response.payload().asUtf8String()).contains("\"ok\":true");
            Eventually.await("all ten extensions got the INVOKE", WAIT, () -> lines(out, "BY").size() == 10);
            assertThat(lines(out, "BY")).extracting(l -> l.split(" ")[1])
                    .containsExactlyInAnyOrder("ext01", "ext02", "ext03", "ext04", "ext05",
                            "ext06", "ext07", "ext08", "ext09", "ext10");
            assertThat(lines(out, "BY")).allSatisfy(l -> assertThat(l).endsWith(" " + requestId));
            // The runtime's own (internal) registration would be the eleventh: refused as on AWS.
            String eleventh = lines(out, "ELEVENTH").getFirst();
            assertThat(eleventh).endsWith(" 403");
            JsonNode refusal = JSON.readTree(eleventh.substring("ELEVENTH ".length(), eleventh.length() - 4));
            assertThat(refusal.path("errorType").asText()).isEqualTo("Extension.TooManyExtensions");
            assertThat(refusal.path("errorMessage").asText()).contains("10");
        }
    }

    @Test
    void elevenExternalExtensions_failInitAtOnce_withExtensionLaunchError() throws Exception {
        Path out = code.resolve("registrations.log");
        String registering = """
                #!/usr/bin/env bash
                EXT="http://${AWS_LAMBDA_RUNTIME_API}/2020-01-01/extension"
                HEADERS=$(mktemp)
                ANSWER=$(curl -s -D "$HEADERS" -w ' %%{http_code}' -X POST "$EXT/register" \\
                  -H "Lambda-Extension-Name: $(basename "$0")" -d '{"events":["INVOKE"]}')
                echo "REGISTER $(basename "$0") $ANSWER" >> %s
                ID=$(grep -i '^lambda-extension-identifier:' "$HEADERS" | tr -d '\\r' | cut -d' ' -f2)
                while [ -n "$ID" ]; do curl -s -o /dev/null "$EXT/event/next" -H "Lambda-Extension-Identifier: $ID" || exit 2; done
                sleep 30
                """.formatted(out);
        FunctionDefinition fn = TestFunctions.bootstrap(code, "echo", ECHO, Duration.ofSeconds(5), null);
        for (int i = 1; i <= ExtensionSet.MAX_EXTENSIONS + 1; i++) {
            withExtension(fn, "ext%02d".formatted(i), registering);
        }
        try (PlatformHarness harness = PlatformHarness.start(data, fn)) {
            long start = System.currentTimeMillis();
            InvokeResponse failed = harness.lambda().invoke(b -> b.functionName("echo"));
            long took = System.currentTimeMillis() - start;

            assertThat(failed.functionError()).isEqualTo("Unhandled");
            JsonNode error = JSON.readTree(failed.payload().asByteArray());
            assertThat(error.path("errorType").asText()).isEqualTo("Extension.LaunchError");
            assertThat(error.path("errorMessage").asText())
                    .startsWith("RequestId: " + failed.responseMetadata().requestId())
                    .contains("11 extensions found; a function may have at most 10");
            assertThat(took).isLessThan(5_000);
            // Nothing was half-started: no extension registered, none (and no runtime) is running.
            assertThat(lines(out, "REGISTER")).isEmpty();
            assertThat(processesOf("echo")).isEmpty();

            InvokeResponse again = harness.lambda().invoke(b -> b.functionName("echo"));
            assertThat(again.functionError()).isEqualTo("Unhandled");
            assertThat(JSON.readTree(again.payload().asByteArray()).path("errorType").asText())
                    .isEqualTo("Extension.LaunchError");
        }
    }

    @Test
    void extensionThatExitsBeforeRegistering_failsInitWithExtensionCrash_andThePlatformStaysUsable() throws Exception {
        String quitter = """
                #!/usr/bin/env bash
                exit 3
                """;
        FunctionDefinition broken = withExtension(
                TestFunctions.bootstrap(code, "broken", ECHO, Duration.ofSeconds(5), null), "quitter", quitter);
        FunctionDefinition healthy = TestFunctions.bootstrap(code, "healthy", ECHO, Duration.ofSeconds(5), null);
        try (PlatformHarness harness = PlatformHarness.start(data, broken, healthy)) {
            long start = System.currentTimeMillis();
            InvokeResponse failed = harness.lambda().invoke(b -> b.functionName("broken"));
            long took = System.currentTimeMillis() - start;

            assertThat(failed.functionError()).isEqualTo("Unhandled");
            JsonNode error = JSON.readTree(failed.payload().asByteArray());
            assertThat(error.path("errorType").asText()).isEqualTo("Extension.Crash");
            assertThat(error.path("errorMessage").asText())
                    .startsWith("RequestId: " + failed.responseMetadata().requestId());
            // Well within the 10 s init timeout: the exit is noticed, not waited out.
            assertThat(took).isLessThan(5_000);

            InvokeResponse fine = harness.lambda().invoke(b -> b.functionName("healthy"));
            assertThat(fine.functionError()).isNull();
            assertThat(fine.payload().asUtf8String()).contains("\"ok\":true");

            InvokeResponse again = harness.lambda().invoke(b -> b.functionName("broken"));
            assertThat(again.functionError()).isEqualTo("Unhandled");
            assertThat(JSON.readTree(again.payload().asByteArray()).path("errorType").asText()).isEqualTo("Extension.Crash");
            Eventually.await("no broken environment is left", WAIT, () -> harness.environments("broken").isEmpty());
            Eventually.await("no process of the broken function is left", WAIT, () -> processesOf("broken").isEmpty());
        }
    }

    /** The live processes started from {@code function}'s code folder: its runtime and extensions. */
    private List<ProcessHandle> processesOf(String function) {
        String folder = code.resolve(function).toString();
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(folder)).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void crashingExtension_failsTheInvoke_andTheNextOneGetsAFreshEnvironment() throws Exception {
        Path marker = code.resolve("crashed-once");
        String crashOnce = """
                  if [ ! -e %s ]; then touch %s; exit 1; fi
                """.formatted(marker, marker);
        // The first environment's runtime never answers: otherwise its response could reach the caller
        // before the crash is noticed (the caller is answered at once), and the crash would fail nothing.
        // It marks itself the first at start, not on its event: it may be killed before its event arrives.
        Path held = code.resolve("held-once");
        String holdFirst = """
                if [ ! -e %s ]; then touch %s; FIRST=1; fi
                """.formatted(held, held) + TestFunctions.loop("""
                  if [ -n "${FIRST:-}" ]; then sleep 30; fi
                  curl -sS -X POST "$API/invocation/$ID/response" -d '{"ok":true}' >/dev/null
                """);
        FunctionDefinition fn = withExtension(TestFunctions.bootstrap(code, "echo", holdFirst, Duration.ofSeconds(5), null),
                "crasher", recorder(code.resolve("events.log"), crashOnce));
        try (PlatformHarness harness = PlatformHarness.start(data, fn)) {
            InvokeResponse crashed = harness.lambda().invoke(b -> b.functionName("echo"));
            String firstEnvironment = harness.environments("echo").isEmpty() ? "" : harness.environments("echo").getFirst().id();

            assertThat(crashed.functionError()).isEqualTo("Unhandled");
            assertThat(JSON.readTree(crashed.payload().asByteArray()).path("errorType").asText()).isEqualTo("Extension.Crash");

            InvokeResponse fine = harness.lambda().invoke(b -> b.functionName("echo"));
            assertThat(fine.functionError()).isNull();
            assertThat(fine.payload().asUtf8String()).contains("ok");
            assertThat(harness.environments("echo")).extracting(e -> e.id()).doesNotContain(firstEnvironment);
        }
    }

    @Test
    void idleRetirement_sendsShutdownSpindown() throws Exception {
        Path out = code.resolve("events.log");
        FunctionDefinition fn = withExtension(TestFunctions.bootstrap(code, "echo", ECHO, Duration.ofSeconds(5), null),
                "recorder", recorder(out, ""));
        try (PlatformHarness harness = PlatformHarness.start(data, s -> s.withIdleTimeout(Duration.ofMillis(200)), fn)) {
            harness.lambda().invoke(b -> b.functionName("echo"));

            Eventually.await("SHUTDOWN is recorded", WAIT, () -> lines(out, "SHUTDOWN").size() == 1);
            JsonNode event = JSON.readTree(lines(out, "SHUTDOWN").getFirst().substring("SHUTDOWN ".length()));
            assertThat(event.path("shutdownReason").asText()).isEqualTo("spindown");
            assertThat(event.path("deadlineMs").asLong()).isGreaterThan(0);
        }
    }

    @Test
    void platformClose_sendsShutdownSpindown_andLeavesNoExtensionBehind() throws Exception {
        Path out = code.resolve("events.log");
        FunctionDefinition fn = withExtension(TestFunctions.bootstrap(code, "echo", ECHO, Duration.ofSeconds(5), null),
                "recorder", recorder(out, ""));
        PlatformHarness harness = PlatformHarness.start(data, fn);
        harness.lambda().invoke(b -> b.functionName("echo"));

        harness.close();

        assertThat(lines(out, "SHUTDOWN")).singleElement().asString().contains("\"shutdownReason\":\"spindown\"");
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(code.toString())))
                .isEmpty();
    }

    @Test
    void errors_areAwsShaped() throws Exception {
        Path out = code.resolve("answers.log");
        String probe = """
                EXT="http://${AWS_LAMBDA_RUNTIME_API}/2020-01-01/extension"
                code() { curl -s -o /dev/null -w '%%{http_code}' "$@"; echo; }
                echo "unknown $(curl -s "$EXT/event/next" -H 'Lambda-Extension-Identifier: 00000000-0000-0000-0000-000000000000')" >> %s
                echo "late $(curl -s -X POST "$EXT/register" -H 'Lambda-Extension-Name: late' -d '{"events":["INVOKE"]}')" >> %s
                """.formatted(out, out);
        FunctionDefinition fn = TestFunctions.bootstrap(code, "probe", TestFunctions.loop(probe + """
                  curl -sS -X POST "$API/invocation/$ID/response" -d '{}' >/dev/null
                """), Duration.ofSeconds(5), null);
        try (PlatformHarness harness = PlatformHarness.start(data, fn)) {
            harness.lambda().invoke(b -> b.functionName("probe").payload(SdkBytes.fromUtf8String("{}")));

            assertThat(lines(out, "unknown")).singleElement().asString().contains("\"errorType\":\"Extension.Forbidden\"");
            assertThat(lines(out, "late")).singleElement().asString().contains("\"errorType\":\"Extension.RegistrationClosed\"");
        }
    }

    /**
     * An extension that registers for INVOKE and SHUTDOWN and appends one line per event to {@code out}:
     * {@code RECEIVED <ms> <requestId>}, then runs {@code onInvoke}, then {@code DONE <ms> <requestId>} and
     * {@code INVOKE <json>}; {@code SHUTDOWN <json>} and exits on SHUTDOWN.
     */
    private static String recorder(Path out, String onInvoke) {
        return """
                #!/usr/bin/env bash
                set -u
                EXT="http://${AWS_LAMBDA_RUNTIME_API}/2020-01-01/extension"
                OUT=%s
                HEADERS=$(mktemp)
                curl -sS -D "$HEADERS" -o /dev/null -X POST "$EXT/register" \\
                  -H "Lambda-Extension-Name: $(basename "$0")" -d '{"events":["INVOKE","SHUTDOWN"]}'
                ID=$(grep -i '^lambda-extension-identifier:' "$HEADERS" | tr -d '\\r' | cut -d' ' -f2)
                while true; do
                  EVENT=$(curl -sS "$EXT/event/next" -H "Lambda-Extension-Identifier: $ID") || exit 2
                  case "$EVENT" in
                    *'"SHUTDOWN"'*) echo "SHUTDOWN $EVENT" >> "$OUT"; exit 0 ;;
                    *'"INVOKE"'*)
                      RID=$(echo "$EVENT" | sed 's/.*"requestId":"\\([^"]*\\)".*/\\1/')
                      echo "RECEIVED $(date +%%s%%3N) $RID" >> "$OUT"
                %s
                      echo "DONE $(date +%%s%%3N) $RID" >> "$OUT"
                      echo "INVOKE $EVENT" >> "$OUT" ;;
                    *) exit 3 ;;
                  esac
                done
                """.formatted(out, onInvoke);
    }

    private static FunctionDefinition withExtension(FunctionDefinition fn, String name, String script) {
        try {
            Path dir = Files.createDirectories(fn.code().resolve("extensions"));
            Path file = dir.resolve(name);
            Files.writeString(file, script);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            return fn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file, String kind) {
        try {
            return Files.exists(file)
                    ? Files.readAllLines(file).stream().filter(l -> l.startsWith(kind + " ")).toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long millisOf(Path file, String kind, String requestId) {
        return lines(file, kind).stream().filter(l -> l.endsWith(" " + requestId)).findFirst()
                .map(l -> Long.parseLong(l.split(" ")[1])).orElseThrow(() -> new AssertionError(kind + " " + requestId));
    }
}
