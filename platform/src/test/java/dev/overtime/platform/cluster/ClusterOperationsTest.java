package dev.overtime.platform.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.async.store.EventStoreChoice;
import dev.overtime.platform.async.store.postgres.PostgresLocation;
import dev.overtime.platform.cli.CliRun;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.PostgresServer;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL, operated through either: the EventInvokeConfig put through one is what
 * the other uses and returns, and the dead events of one are listed, shown and redriven through the
 * other with {@code overtime events}.
 */
class ClusterOperationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
    }

    @Test
    void configurationsAndDeadEventsAreTheSameThroughEveryNode() throws Exception {
        PostgresServer postgres = PostgresServer.start();
        closeables.add(postgres);
        EventStoreChoice store = EventStoreChoice.postgres(PostgresLocation.parse(postgres.newDatabase()),
                Duration.ofSeconds(10));
        Path healed = dir.resolve("healed");
        Path ran = dir.resolve("ran.log");
        FunctionDefinition flaky = TestFunctions.bootstrap(dir, "flaky", TestFunctions.loop("""
                  if [ -e '%s' ]; then
                    echo "$ID" >> '%s'
                    curl -sS -X POST "$API/invocation/$ID/response" -d '{}' >/dev/null
                  else
                    curl -sS -X POST "$API/invocation/$ID/error" -d '{"errorMessage":"not yet","errorType":"NotYet"}' >/dev/null
                  fi
                """.formatted(healed, ran)), Duration.ofSeconds(10), null);
        PlatformHarness a = PlatformHarness.startWith(dir.resolve("a"), c -> c.withStore(store), flaky);
        closeables.add(a);
        PlatformHarness b = PlatformHarness.startWith(dir.resolve("b"), c -> c.withStore(store), flaky);
        closeables.add(b);

        a.lambda().putFunctionEventInvokeConfig(r -> r.functionName("flaky").maximumRetryAttempts(0));
        Eventually.await("node b returns the configuration put through node a", Duration.ofSeconds(30),
                () -> {
                    try {
                        return Integer.valueOf(0).equals(b.lambda().getFunctionEventInvokeConfig(
                                r -> r.functionName("flaky")).maximumRetryAttempts());
                    } catch (ResourceNotFoundException notYet) {
                        return false;
                    }
                });

        // Sent to b, whose own configuration says: no retries. So the event dies after one attempt.
        String id = b.lambda().invoke(r -> r.functionName("flaky").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"n\":1}"))).responseMetadata().requestId();
        Eventually.await("the event is dead, as node a sees it", Duration.ofSeconds(60),
                () -> deadCount(a.endpoint()) == 1);

        CliRun list = CliRun.run("events", "list", "flaky", "--state", "dead", "--json", "--endpoint", a.endpoint());
        assertThat(list.exit()).as(list.err()).isZero();
        JsonNode listed = JSON.readTree(list.out());
        assertThat(listed.get("Events")).hasSize(1);
        assertThat(listed.get("Events").get(0).get("EventId").asText()).isEqualTo(id);
        assertThat(listed.get("Events").get(0).get("Attempts").asInt()).isEqualTo(1);
        CliRun show = CliRun.run("events", "show", "flaky", id, "--endpoint", b.endpoint());
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains(id).contains("not yet");

        Files.writeString(healed, "yes");
        CliRun redrive = CliRun.run("events", "redrive", "flaky", id, "--endpoint", a.endpoint());
        assertThat(redrive.exit()).as(redrive.err()).isZero();
        Eventually.await("the redriven event ran", Duration.ofSeconds(60),
                () -> ClusterNode.lines(ran).contains(id));
        Eventually.await("both nodes see an empty queue", Duration.ofSeconds(30),
                () -> total(a.endpoint()) == 0 && total(b.endpoint()) == 0);

        JsonNode healthA = JSON.readTree(ClusterNode.get(URI.create(a.endpoint() + HealthApi.PATH), 200));
        JsonNode healthB = JSON.readTree(ClusterNode.get(URI.create(b.endpoint() + HealthApi.PATH), 200));
        assertThat(healthA.get("Node").asText()).isNotEqualTo(healthB.get("Node").asText());
        assertThat(healthA.get("Store").get("Kind").asText()).isEqualTo("postgresql");
        assertThat(healthB.get("QueueDepth").asLong()).isZero();
    }

    private static long deadCount(String endpoint) {
        return counts(endpoint).get("Counts").get("dead").asLong();
    }

    private static long total(String endpoint) {
        long sum = 0;
        for (JsonNode n : counts(endpoint).get("Counts")) {
            sum += n.asLong();
        }
        return sum;
    }

    private static JsonNode counts(String endpoint) {
        try {
            return JSON.readTree(ClusterNode.get(URI.create(endpoint + "/overtime/functions/flaky/events"), 200));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
