package dev.overtime.platform.cluster;

import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three {@code overtime serve} nodes on one PostgreSQL share a queue of 5,000 Event invokes; one is
 * SIGKILLed while they drain it. Every accepted event runs, and the only events that run twice are
 * those the killed node had in flight.
 */
class ClusterCrashTest {

    private static final int EVENTS = 5_000;
    private static final Duration LEASE = Duration.ofSeconds(5);

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
    void everyEventRunsWhenANodeIsKilledMidDrain_andOnlyItsInFlightEventsRunTwice() throws Exception {
        PostgresServer postgres = PostgresServer.start();
        closeables.add(postgres);
        String store = postgres.newDatabase();
        Path sideEffects = dir.resolve("side-effects.log");
        Path gate = dir.resolve("gate");
        Path template = ClusterNode.template(dir, sideEffects, gate);

        ExecutorService starts = Executors.newFixedThreadPool(3);
        closeables.add(starts::shutdownNow);
        List<Future<ClusterNode>> starting = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            starting.add(starts.submit(() -> ClusterNode.start(template, dir, name, store, LEASE)));
        }
        List<ClusterNode> nodes = new ArrayList<>();
        for (Future<ClusterNode> f : starting) {
            ClusterNode node = f.get();
            nodes.add(node);
            closeables.add(node);
        }
        assertThat(nodes.stream().map(ClusterNode::id).distinct()).hasSize(3);

        // Accepted across the nodes, round robin, while the function waits at its gate.
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        ExecutorService senders = Executors.newFixedThreadPool(12);
        closeables.add(senders::shutdownNow);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            ClusterNode node = nodes.get(i % 3);
            String payload = "{\"n\":" + i + "}";
            statuses.add(senders.submit(() -> {
                var response = node.send(payload);
                accepted.add(response.responseMetadata().requestId());
                return response.statusCode();
            }));
        }
        for (Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(202);
        }
        assertThat(accepted).hasSize(EVENTS);
        assertThat(nodes.get(1).counts().values().stream().mapToLong(Long::longValue).sum())
                .as("the queue as node b sees it").isEqualTo(EVENTS);

        Files.writeString(gate, "open");
        Eventually.await("a third of the events ran", Duration.ofSeconds(120),
                () -> ClusterNode.lines(sideEffects).size() >= EVENTS / 3);

        ClusterNode victim = nodes.get(0);
        List<ProcessHandle> functions = victim.served().descendants();
        victim.served().process().destroyForcibly().waitFor();
        functions.forEach(ProcessHandle::destroyForcibly);
        Set<String> inFlightAtKill = inFlightOf(postgres, store, victim.id());
        int ranAtKill = ClusterNode.lines(sideEffects).size();
        assertThat(ranAtKill).as("the kill came mid-drain").isLessThan(EVENTS);

        List<ClusterNode> survivors = nodes.subList(1, 3);
        Eventually.await("every accepted event ran", Duration.ofSeconds(120),
                () -> new HashSet<>(ClusterNode.lines(sideEffects)).containsAll(accepted));
        Eventually.await("both survivors report an empty queue", Duration.ofSeconds(60),
                () -> survivors.stream().allMatch(n -> n.counts().values().stream().allMatch(c -> c == 0)));
        assertThat(survivors.get(0).counts()).isEqualTo(survivors.get(1).counts());
        for (ClusterNode survivor : survivors) {
            assertThat(survivor.health().get("QueueDepth").asLong()).isZero();
        }

        Map<String, Integer> runs = new HashMap<>();
        ClusterNode.lines(sideEffects).forEach(id -> runs.merge(id, 1, Integer::sum));
        Set<String> ranTwice = new HashSet<>();
        runs.forEach((id, n) -> {
            if (n > 1) {
                ranTwice.add(id);
            }
        });
        System.out.printf("cluster crash test: %d accepted, %d ran at the kill, %d in flight on the killed node, "
                + "%d ran twice%n", accepted.size(), ranAtKill, inFlightAtKill.size(), ranTwice.size());
        assertThat(runs.keySet()).isEqualTo(accepted);
        assertThat(inFlightAtKill).isSubsetOf(accepted);
        assertThat(ranTwice).as("events that ran twice were in flight on the killed node")
                .isSubsetOf(inFlightAtKill);
        assertThat(runs.values()).allMatch(n -> n <= 2);
    }

    /** The events the database holds as in flight on {@code node}, right after it died. */
    private static Set<String> inFlightOf(PostgresServer postgres, String store, String node) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = postgres.connect(store);
             PreparedStatement s = c.prepareStatement("SELECT id FROM events WHERE state = 'IN_FLIGHT' AND lease_owner = ?")) {
            s.setString(1, node);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }
}
