package dev.overtime.platform.environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.testfunctions.Greeter;
import dev.overtime.platform.testfunctions.Rendezvous;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three selector threads share the callers' and the runtimes' connections, so some invokes find
 * their worker on another selector than their caller's: each must still reach exactly one worker
 * and be answered.
 */
class SeveralSelectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    static PlatformHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = PlatformHarness.startWithSelectors(data, 3,
                TestFunctions.java("greeter", Greeter.class),
                TestFunctions.java("rendezvous", Rendezvous.class.getName(), Duration.ofSeconds(20), 4, Map.of()));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void parallelInvokes_meetOnFourEnvironments_thatTheNextRoundReuses() throws Exception {
        Set<Long> round1 = rendezvousRound(Files.createTempDirectory(data, "round1"));
        Set<Long> round2 = rendezvousRound(Files.createTempDirectory(data, "round2"));

        assertThat(round1).hasSize(4);
        assertThat(round2).isEqualTo(round1);
        assertThat(harness.environments("rendezvous")).hasSize(4);
    }

    @Test
    void callersOnEverySelector_areEachAnsweredWithTheirOwnResult() {
        try (ExecutorService callers = Executors.newFixedThreadPool(6)) {
            List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String name = "caller-" + i;
                calls.add(CompletableFuture.supplyAsync(() -> invoke("greeter", "{\"name\":\"" + name + "\"}"), callers));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertThat(calls.get(i).join().get("message").asText()).isEqualTo("Hello, caller-" + i + "!");
            }
        }
    }

    private static Set<Long> rendezvousRound(Path dir) {
        return harness.pidsOfParallelInvokes("rendezvous", "{\"dir\":\"" + dir + "\",\"parties\":4}", 4);
    }

    private static JsonNode invoke(String function, String payload) {
        InvokeResponse r = harness.lambda().invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
        assertThat(r.functionError()).as("function error: %s", r.payload().asUtf8String()).isNull();
        try {
            return JSON.readTree(r.payload().asUtf8String());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
