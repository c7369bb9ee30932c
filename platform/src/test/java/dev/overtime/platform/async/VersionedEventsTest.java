package dev.overtime.platform.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.async.store.SqliteEventStore;
import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.testfunctions.PayloadWriter;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.MovableClock;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import dev.overtime.platform.versions.ConfigurationChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event invokes of versions and aliases through the AWS SDK v2: which version runs, what the
 * destination record says, which EventInvokeConfig applies, and events stored before versions.
 *
 * <p>{@code versioned} has version 1 and version 2 (published after a change to {@code $LATEST}'s
 * environment) and the alias {@code live} pointing at version 1, so an alias, a version and
 * {@code $LATEST} each run something different.
 */
class VersionedEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:";

    @TempDir
    Path dir;
    private PlatformHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private PlatformHarness start(AsyncSettings async) throws Exception {
        Files.createDirectories(dir.resolve("records"));
        harness = PlatformHarness.start(dir.resolve("data"), async,
                recorder("versioned"), recorder("other"),
                TestFunctions.java("sink", PayloadWriter.class.getName(), Duration.ofSeconds(10), null,
                        Map.of("RECORD_DIR", dir.resolve("records").toString())));
        return harness;
    }

    private RecorderLog log(String function) {
        return new RecorderLog(dir.resolve(function + ".log"));
    }

    private FunctionDefinition recorder(String name) {
        return TestFunctions.java(name, VersionRecorder.class.getName(), Duration.ofSeconds(10), null,
                Map.of("LOG", dir.resolve(name + ".log").toString()));
    }

    private static AsyncSettings fast() {
        return AsyncSettings.defaults().withRetryDelays(Duration.ofMillis(300), Duration.ofMillis(600));
    }

    /** Versions 1 and 2 of {@code name} (their environments differ), and {@code alias} at {@code aliasVersion}. */
    private DeployedFunction versions(String name, String alias, String aliasVersion) throws Exception {
        DeployedFunction function = harness.platform().functions().find(name).orElseThrow();
        assertThat(function.publish(null, null, null).version()).isEqualTo("1");
        function.update(new ConfigurationChange(null, null, null, null, null,
                Map.of("LOG", dir.resolve(name + ".log").toString(), "CHANGED", "yes"), null, null, null), null);
        assertThat(function.publish(null, null, null).version()).isEqualTo("2");
        function.createAlias(alias, aliasVersion, null, 0, null);
        return function;
    }

    private String event(String function, String qualifier, String payload) {
        InvokeResponse response = harness.lambda().invoke(r -> r.functionName(function).qualifier(qualifier)
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String(payload)));
        assertThat(response.statusCode()).isEqualTo(202);
        return response.responseMetadata().requestId();
    }

    private List<JsonNode> records() {
        try (Stream<Path> files = Files.list(dir.resolve("records"))) {
            List<JsonNode> out = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                out.add(JSON.readTree(file.toFile()));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode recordOf(String requestId) {
        return records().stream().filter(r -> r.at("/requestContext/requestId").asText().equals(requestId))
                .findFirst().orElseThrow();
    }

    private JsonNode eventsApi(String function) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(harness.endpoint() + "/overtime/functions/" + function + "/events")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        }
    }

    @Test
    void anAliasEventRunsTheAliasVersion_andItsRecordNamesTheInvokedArnAndTheVersionThatRan() throws Exception {
        start(fast());
        versions("versioned", "live", "1");
        harness.lambda().putFunctionEventInvokeConfig(r -> r.functionName("versioned")
                .destinationConfig(d -> d.onSuccess(s -> s.destination(ARN + "sink"))));

        String viaAlias = event("versioned", "live", "{\"value\":\"alias\"}");
        String viaVersion = event("versioned", "2", "{\"value\":\"version\"}");
        String unqualified = event("versioned", null, "{\"value\":\"latest\"}");

        Eventually.await("three success records", Duration.ofSeconds(90), () -> records().size() == 3);
        assertThat(log("versioned").versionOf(viaAlias)).isEqualTo("1");
        assertThat(log("versioned").arnOf(viaAlias)).isEqualTo(ARN + "versioned:live");
        assertThat(log("versioned").versionOf(viaVersion)).isEqualTo("2");
        assertThat(log("versioned").arnOf(viaVersion)).isEqualTo(ARN + "versioned:2");
        assertThat(log("versioned").versionOf(unqualified)).isEqualTo("$LATEST");
        assertThat(log("versioned").arnOf(unqualified)).isEqualTo(ARN + "versioned");

        JsonNode alias = recordOf(viaAlias);
        assertThat(alias.at("/requestContext/functionArn").asText()).isEqualTo(ARN + "versioned:live");
        assertThat(JSON.writeValueAsString(alias.get("responseContext")))
                .isEqualTo("{\"statusCode\":200,\"executedVersion\":\"1\"}");
        assertThat(alias.get("responsePayload")).isEqualTo(JSON.readTree("{\"version\":\"1\"}"));
        JsonNode version = recordOf(viaVersion);
        assertThat(version.at("/requestContext/functionArn").asText()).isEqualTo(ARN + "versioned:2");
        assertThat(version.at("/responseContext/executedVersion").asText()).isEqualTo("2");
        JsonNode latest = recordOf(unqualified);
        assertThat(latest.at("/requestContext/functionArn").asText()).isEqualTo(ARN + "versioned:$LATEST");
        assertThat(latest.at("/responseContext/executedVersion").asText()).isEqualTo("$LATEST");
    }

    @Test
    void eachEventFollowsItsQualifiersConfiguration_elseTheFunctions() throws Exception {
        start(fast());
        versions("versioned", "live", "1");
        harness.lambda().putFunctionEventInvokeConfig(r -> r.functionName("versioned").qualifier("live")
                .maximumRetryAttempts(0));

        String viaAlias = event("versioned", "live", "{\"fail\":true}");
        String unqualified = event("versioned", null, "{\"fail\":true}");

        Eventually.await("both events are dead", Duration.ofSeconds(90), () ->
                harness.platform().async().counts("versioned").join().get(EventState.DEAD) == 2);
        assertThat(log("versioned").attemptsOf(viaAlias)).isEqualTo(1);
        assertThat(log("versioned").attemptsOf(unqualified)).isEqualTo(3);

        // The queue API lists the function's events whatever their qualifiers, and says each one's.
        JsonNode listed = eventsApi("versioned");
        assertThat(listed.get("Events")).hasSize(2);
        JsonNode alias = listed.get("Events").get(0);
        assertThat(alias.get("EventId").asText()).isEqualTo(viaAlias);
        assertThat(alias.get("Qualifier").asText()).isEqualTo("live");
        assertThat(alias.get("ExecutedVersion").asText()).isEqualTo("1");
        assertThat(alias.get("Attempts").asInt()).isEqualTo(1);
        JsonNode plain = listed.get("Events").get(1);
        assertThat(plain.get("EventId").asText()).isEqualTo(unqualified);
        assertThat(plain.has("Qualifier")).isFalse();
        assertThat(plain.get("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(plain.get("Attempts").asInt()).isEqualTo(3);
    }

    @Test
    void anEventWhoseAliasWasDeletedFailsWithResourceNotFound_andGoesDownTheFailurePath() throws Exception {
        MovableClock clock = new MovableClock();
        start(AsyncSettings.defaults().withRetryDelays(Duration.ofSeconds(60), Duration.ofSeconds(60))
                .withClock(clock));
        DeployedFunction function = versions("versioned", "doomed", "2");
        harness.lambda().putFunctionEventInvokeConfig(r -> r.functionName("versioned").qualifier("doomed")
                .maximumRetryAttempts(1).destinationConfig(d -> d.onFailure(f -> f.destination(ARN + "sink"))));
        String id = event("versioned", "doomed", "{\"fail\":true}");
        Eventually.await("the first attempt failed", Duration.ofSeconds(60), () -> harness.platform().async()
                .event(id).join().map(e -> e.state() == EventState.RETRYING).orElse(false));
        assertThat(harness.platform().async().event(id).join().orElseThrow().executedVersion()).isEqualTo("2");

        function.deleteAlias("doomed");
        clock.advance(Duration.ofSeconds(61));
        harness.platform().async().wakeAll();

        Eventually.await("the failure record", Duration.ofSeconds(30), () -> records().size() == 1);
        JsonNode record = recordOf(id);
        assertThat(record.at("/requestContext/functionArn").asText()).isEqualTo(ARN + "versioned:doomed");
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(JSON.writeValueAsString(record.get("responseContext"))).isEqualTo("{\"statusCode\":404}");
        assertThat(record.at("/responsePayload/errorType").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(record.at("/responsePayload/errorMessage").asText())
                .isEqualTo("Function not found: " + ARN + "versioned:doomed");
        QueuedEvent dead = harness.platform().async().event(id).join().orElseThrow();
        assertThat(dead.state()).isEqualTo(EventState.DEAD);
        assertThat(dead.executedVersion()).isNull();
        assertThat(dead.lastError()).contains("ResourceNotFoundException");
        assertThat(log("versioned").attemptsOf(id)).isEqualTo(1);
    }

    @Test
    void aDestinationArnWithAnAliasDeliversTheRecordToThatAlias() throws Exception {
        start(fast());
        versions("other", "live", "1");
        harness.lambda().putFunctionEventInvokeConfig(r -> r.functionName("versioned")
                .destinationConfig(d -> d.onSuccess(s -> s.destination(ARN + "other:live"))));

        String id = event("versioned", null, "{\"value\":\"forward me\"}");

        Eventually.await("the record reached other", Duration.ofSeconds(90), () -> log("other").lines().size() == 1);
        String[] delivered = log("other").lines().getFirst();
        assertThat(delivered[1]).isEqualTo("1");
        assertThat(delivered[2]).isEqualTo(ARN + "other:live");
        JsonNode record = JSON.readTree(delivered[3]);
        assertThat(record.at("/requestContext/requestId").asText()).isEqualTo(id);
        assertThat(record.at("/requestContext/functionArn").asText()).isEqualTo(ARN + "versioned:$LATEST");
        assertThat(record.at("/requestPayload/value").asText()).isEqualTo("forward me");
    }

    @Test
    void anEventsDbFromBeforeVersionsOpens_andItsEventsAreDelivered() throws Exception {
        Path async = Files.createDirectories(dir.resolve("data").resolve("async"));
        String queued = UUID.randomUUID().toString();
        String retrying = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + async.resolve("events.db"));
             Statement s = db.createStatement()) {
            s.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, "
                    + "target TEXT NOT NULL, payload BLOB NOT NULL, client_context TEXT, accepted_at INTEGER NOT NULL, "
                    + "attempts INTEGER NOT NULL, throttles INTEGER NOT NULL, due_at INTEGER NOT NULL, "
                    + "state TEXT NOT NULL, last_error TEXT, condition TEXT)");
            s.execute("CREATE INDEX events_by_target ON events (target, state, due_at, seq)");
            s.execute("CREATE TABLE event_invoke_configs (function TEXT PRIMARY KEY, document TEXT NOT NULL)");
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO events (id, target, payload, "
                    + "accepted_at, attempts, throttles, due_at, state, last_error) VALUES (?,?,?,?,?,0,?,?,?)")) {
                for (String id : List.of(queued, retrying)) {
                    boolean retried = id.equals(retrying);
                    insert.setString(1, id);
                    insert.setString(2, "versioned");
                    insert.setBytes(3, ("{\"value\":\"" + id + "\"}").getBytes());
                    insert.setLong(4, now);
                    insert.setInt(5, retried ? 1 : 0);
                    insert.setLong(6, now);
                    insert.setString(7, retried ? "RETRYING" : "QUEUED");
                    insert.setString(8, retried ? "an earlier failure" : null);
                    insert.executeUpdate();
                }
            }
        }
        try (SqliteEventStore store = SqliteEventStore.open(async)) {
            QueuedEvent old = store.find(retrying).join().orElseThrow();
            assertThat(old.qualifier()).isNull();
            assertThat(old.executedVersion()).as("its attempt ran $LATEST, the only version there was")
                    .isEqualTo("$LATEST");
            assertThat(store.find(queued).join().orElseThrow().executedVersion()).isNull();
        }

        start(fast());

        Eventually.await("both old events ran", Duration.ofSeconds(60), () -> log("versioned").lines().size() == 2);
        assertThat(log("versioned").versionOf(queued)).isEqualTo("$LATEST");
        assertThat(log("versioned").arnOf(retrying)).isEqualTo(ARN + "versioned");
        Eventually.await("and left the queue", Duration.ofSeconds(10), () -> harness.platform().async()
                .counts("versioned").join().values().stream().allMatch(n -> n == 0));
    }

    /** What {@link VersionRecorder} wrote: request id, version, invoked ARN, event; one line per attempt. */
    private record RecorderLog(Path file) {
        List<String[]> lines() {
            try {
                return !Files.exists(file) ? List.of()
                        : Files.readAllLines(file).stream().map(line -> line.split("\t", 4)).toList();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        long attemptsOf(String id) {
            return lines().stream().filter(line -> line[0].equals(id)).count();
        }

        String versionOf(String id) {
            return only(id)[1];
        }

        String arnOf(String id) {
            return only(id)[2];
        }

        private String[] only(String id) {
            List<String[]> found = lines().stream().filter(line -> line[0].equals(id)).toList();
            assertThat(found).as("attempts of " + id).hasSize(1);
            return found.getFirst();
        }
    }
}
