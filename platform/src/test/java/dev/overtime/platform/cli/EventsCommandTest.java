package dev.overtime.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.async.AsyncSettings;
import dev.overtime.platform.async.EventState;
import dev.overtime.platform.async.QueuedEvent;
import dev.overtime.platform.testfunctions.FileGate;
import dev.overtime.platform.testfunctions.Thrower;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.overtime.platform.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code overtime events} against a real platform whose retries are 200 ms apart, so failing Event
 * invokes are dead within a second or two. Each test owns its function, so redrives in one test never
 * change what another test sees.
 */
class EventsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEAD_WITHIN = Duration.ofSeconds(60);

    @TempDir
    static Path data;
    static PlatformHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = PlatformHarness.start(data,
                AsyncSettings.defaults().withRetryDelays(Duration.ofMillis(200), Duration.ofMillis(200)),
                TestFunctions.java("thrower", Thrower.class),
                TestFunctions.java("redrive-one", Thrower.class),
                TestFunctions.java("redrive-all", Thrower.class),
                TestFunctions.java("qualified", Thrower.class),
                TestFunctions.java("gate", FileGate.class.getName(), Duration.ofSeconds(30), 1, Map.of()));
        // One retry for "thrower", so its dead events also show that the short retry delay was used.
        harness.lambda().putFunctionEventInvokeConfig(b -> b.functionName("thrower").maximumRetryAttempts(1));
        harness.lambda().putFunctionEventInvokeConfig(b -> b.functionName("redrive-one").maximumRetryAttempts(0));
        harness.lambda().putFunctionEventInvokeConfig(b -> b.functionName("redrive-all").maximumRetryAttempts(0));
        harness.lambda().putFunctionEventInvokeConfig(b -> b.functionName("qualified").maximumRetryAttempts(0));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static String eventInvoke(String function, String payload) {
        InvokeResponse response = harness.lambda().invoke(b -> b.functionName(function)
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String(payload)));
        assertThat(response.statusCode()).isEqualTo(202);
        return response.responseMetadata().requestId();
    }

    /** Waits until every event of {@code function} is dead, and there are {@code n} of them. */
    private static void awaitAllDead(String function, long n) {
        Eventually.await(n + " dead events, and nothing else, for " + function, DEAD_WITHIN, () -> {
            Map<EventState, Long> counts = harness.platform().async().counts(function).join();
            return counts.get(EventState.DEAD) == n
                    && counts.values().stream().mapToLong(Long::longValue).sum() == n;
        });
    }

    private static QueuedEvent stored(String id) {
        return harness.platform().async().event(id).join().orElseThrow();
    }

    /** {@code overtime events ARGS --endpoint} the harness. */
    private static String[] events(String... args) {
        return eventsAt(harness.endpoint(), args);
    }

    private static String[] eventsAt(String endpoint, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "events";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--endpoint";
        all[args.length + 2] = endpoint;
        return all;
    }

    private static String unreachableEndpoint() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            return "http://127.0.0.1:" + probe.getLocalPort();
        }
    }

    @Test
    void help_namesTheThreeSubcommands() {
        CliRun r = run("events", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("list").contains("show").contains("redrive");
        assertThat(run("events", "list", "--help").out()).contains("--state").contains("--limit").contains("--json")
                .contains("--endpoint");
    }

    @Test
    void list_show_andJson_describeDeadEvents() throws Exception {
        String first = eventInvoke("thrower", "{\"value\":1}");
        String second = eventInvoke("thrower", "{\"value\":\"" + "long ".repeat(40) + "\"}");
        awaitAllDead("thrower", 2);

        CliRun list = run(events("list", "thrower", "--state", "dead"));

        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.err()).isEmpty();
        List<String> lines = list.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("queued 0  in-flight 0  retrying 0  dead 2");
        assertThat(lines.get(1)).startsWith("EVENT ID").contains("STATE").contains("ATTEMPTS").contains("LAST ERROR");
        assertThat(lines.get(2)).startsWith(first + "  ").contains(" dead ").contains(" 2 ")
                .contains("RetriesExhausted")
                .endsWith("java.lang.IllegalArgumentException: bad input: 1");
        int errorColumn = lines.get(1).indexOf("LAST ERROR");
        assertThat(lines.get(3)).startsWith(second + "  ");
        assertThat(lines.get(3).substring(errorColumn))
                .isEqualTo(("java.lang.IllegalArgumentException: bad input: " + "long ".repeat(40)).substring(0, 77)
                        + "...");
        assertThat(list.out()).doesNotContain("stackTrace");
        // Columns line up: every row's state starts where the header's does.
        int stateColumn = lines.get(1).indexOf("STATE");
        assertThat(lines.get(2).substring(stateColumn)).startsWith("dead ");
        assertThat(lines.get(3).substring(stateColumn)).startsWith("dead ");

        CliRun limited = run(events("list", "thrower", "--state", "dead,queued", "--limit", "1"));
        assertThat(limited.out().lines().toList()).hasSize(4).last()
                .isEqualTo("... 1 more (raise --limit to see them)");

        CliRun none = run(events("list", "thrower", "--state", "retrying"));
        assertThat(none.out().lines().toList())
                .containsExactly("queued 0  in-flight 0  retrying 0  dead 2", "no retrying events");

        CliRun json = run(events("list", "thrower", "--json"));
        assertThat(json.exit()).isZero();
        JsonNode doc = JSON.readTree(json.out());
        assertThat(doc.get("Target").asText()).isEqualTo("thrower");
        assertThat(doc.at("/Counts/dead").asLong()).isEqualTo(2);
        assertThat(doc.get("Events")).hasSize(2);
        assertThat(doc.at("/Events/0/LastError").asText()).contains("stackTrace");

        CliRun show = run(events("show", "thrower", first));
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("\n  \"EventId\": \"" + first + "\"").contains("\"Payload\": {");
        JsonNode event = JSON.readTree(show.out());
        assertThat(event.get("State").asText()).isEqualTo("dead");
        assertThat(event.get("Attempts").asInt()).isEqualTo(2);
        assertThat(event.get("Condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(event.get("Payload")).isEqualTo(JSON.readTree("{\"value\":1}"));
    }

    @Test
    void list_and_show_sayEachEventsQualifier() throws Exception {
        InvokeResponse response = harness.lambda().invoke(b -> b.functionName("qualified").qualifier("$LATEST")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{\"value\":1}")));
        String qualified = response.responseMetadata().requestId();
        String unqualified = eventInvoke("qualified", "{\"value\":2}");
        awaitAllDead("qualified", 2);

        List<String> lines = run(events("list", "qualified")).out().lines().toList();

        assertThat(lines).hasSize(4);
        int column = lines.get(1).indexOf("QUALIFIER");
        assertThat(column).isPositive();
        assertThat(lines.get(2)).startsWith(qualified + "  ");
        assertThat(lines.get(2).substring(column)).matches("\\$LATEST +dead .*");
        assertThat(lines.get(3)).startsWith(unqualified + "  ");
        assertThat(lines.get(3).substring(column)).matches("- +dead .*");

        JsonNode shown = JSON.readTree(run(events("show", "qualified", qualified)).out());
        assertThat(shown.get("Qualifier").asText()).isEqualTo("$LATEST");
        assertThat(shown.get("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(JSON.readTree(run(events("show", "qualified", unqualified)).out()).has("Qualifier")).isFalse();
    }

    @Test
    void list_inFlightEvent_hasNoNextAttempt_andCannotBeRedriven() throws Exception {
        Path started = data.resolve("gate-started");
        Path gate = data.resolve("gate-open");
        String id = eventInvoke("gate", JSON.writeValueAsString(Map.of("started", started.toString(),
                "gate", gate.toString())));
        Eventually.await("the gate function to start", DEAD_WITHIN, () -> Files.exists(started));
        try {
            CliRun list = run(events("list", "gate", "--state", "in-flight"));

            assertThat(list.exit()).as(list.err()).isZero();
            assertThat(list.out().lines().toList()).hasSize(3).first()
                    .isEqualTo("queued 0  in-flight 1  retrying 0  dead 0");
            assertThat(list.out().lines().toList().get(2))
                    .matches(id + " +- +in-flight +0 +\\S+Z +- +-");

            CliRun redrive = run(events("redrive", "gate", id));

            assertThat(redrive.exit()).isEqualTo(1);
            assertThat(redrive.out()).isEmpty();
            assertThat(redrive.err().strip()).isEqualTo("overtime: ResourceNotFoundException: No dead event " + id
                    + " for gate (only dead events can be redriven)");
        } finally {
            Files.writeString(gate, "open");
        }
        Eventually.await("the gate event to be delivered", DEAD_WITHIN,
                () -> harness.platform().async().event(id).join().isEmpty());
    }

    @Test
    void redrive_oneId_queuesItAgain_andUnknownIdsFailWithTheApiMessage() {
        String id = eventInvoke("redrive-one", "{\"value\":\"once\"}");
        awaitAllDead("redrive-one", 1);
        long firstAcceptedAt = stored(id).acceptedAt();

        CliRun r = run(events("redrive", "redrive-one", id));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).containsExactly("redriven 1 event(s)", id);
        assertThat(r.err()).isEmpty();
        // Attempted again from scratch: one attempt, and its age counted from the redrive.
        awaitAllDead("redrive-one", 1);
        assertThat(stored(id).attempts()).isEqualTo(1);
        assertThat(stored(id).acceptedAt()).isGreaterThan(firstAcceptedAt);

        CliRun mixed = run(events("redrive", "redrive-one", id, "nope"));

        assertThat(mixed.exit()).isEqualTo(1);
        assertThat(mixed.out().lines().toList()).containsExactly("redriven 1 event(s)", id);
        assertThat(mixed.err().strip()).isEqualTo("overtime: ResourceNotFoundException: No dead event nope for "
                + "redrive-one (only dead events can be redriven)");
        awaitAllDead("redrive-one", 1);
    }

    @Test
    void redrive_all_queuesEveryDeadEvent() {
        String first = eventInvoke("redrive-all", "{\"value\":\"a\"}");
        String second = eventInvoke("redrive-all", "{\"value\":\"b\"}");
        awaitAllDead("redrive-all", 2);

        CliRun r = run(events("redrive", "redrive-all", "--all"));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).containsExactly("redriven 2 event(s)", first, second);
        awaitAllDead("redrive-all", 2);
        assertThat(stored(first).attempts()).isEqualTo(1);
        assertThat(stored(second).attempts()).isEqualTo(1);
    }

    @Test
    void show_unknownEvent_isOneLineWithTheApiError() {
        CliRun r = run(events("show", "thrower", "no-such-event"));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip())
                .isEqualTo("overtime: ResourceNotFoundException: No event no-such-event for thrower");
    }

    @Test
    void functionArn_worksLikeItsName() {
        String arn = harness.lambda().getFunction(b -> b.functionName("thrower")).configuration().functionArn();

        CliRun r = run(events("list", arn, "--json"));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"Target\":\"thrower\"");
    }

    @Test
    void unknownFunction_isOneLineWithTheApiError() {
        CliRun r = run(events("list", "nobody"));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n")
                .startsWith("overtime: ResourceNotFoundException: Function not found");
    }

    @Test
    void wrongUsage_isOneLineAndExit2() {
        CliRun both = run(events("redrive", "thrower", "some-id", "--all"));
        CliRun neither = run(events("redrive", "thrower"));
        CliRun badState = run(events("list", "thrower", "--state", "dead,zombie"));
        CliRun badLimit = run(events("list", "thrower", "--limit", "0"));
        CliRun noId = run(events("show", "thrower"));
        CliRun badEndpoint = run("events", "list", "thrower", "--endpoint", "localhost:9000");

        for (CliRun r : List.of(both, neither, badState, badLimit, noId, badEndpoint)) {
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(r.err().strip()).doesNotContain("\n").startsWith("overtime: ").doesNotContain("Exception");
            assertThat(r.out()).isEmpty();
        }
        assertThat(both.err()).contains("not both").contains("'overtime events redrive --help'");
        assertThat(neither.err()).contains("--all");
        assertThat(badState.err()).contains("unknown event state 'zombie'").contains("'overtime events list --help'");
        assertThat(badLimit.err()).contains("--limit must be from 1 to 10000");
        assertThat(noId.err()).contains("ID");
        assertThat(badEndpoint.err()).contains("--endpoint").contains("'localhost:9000'");
    }

    @Test
    void unreachablePlatform_isOneLineSayingHowToStartIt() throws Exception {
        String endpoint = unreachableEndpoint();

        for (String[] args : List.of(new String[]{"list", "thrower"}, new String[]{"show", "thrower", "x"},
                new String[]{"redrive", "thrower", "x", "y"}, new String[]{"redrive", "thrower", "--all"})) {
            CliRun r = run(eventsAt(endpoint, args));

            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip()).isEqualTo("overtime: cannot reach Overtime at " + endpoint
                    + ": is 'overtime serve' running?");
        }
    }
}
