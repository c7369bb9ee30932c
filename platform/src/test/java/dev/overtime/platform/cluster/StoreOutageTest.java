package dev.overtime.platform.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.ServiceException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stops and starts again while two nodes take Event invokes: while it is down every invoke
 * gets 503 ServiceException at once, every 202 given before, during or after runs, and the nodes
 * recover without a restart.
 */
class StoreOutageTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final AtomicBoolean sending = new AtomicBoolean(true);

    @AfterEach
    void cleanUp() throws Exception {
        sending.set(false);
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
    }

    @Test
    void anOutageAnswers503AtOnce_losesNo202_andTheNodesRecoverByThemselves() throws Exception {
        PostgresServer postgres = PostgresServer.start();
        closeables.add(postgres);
        String store = postgres.newDatabase();
        Path sideEffects = dir.resolve("side-effects.log");
        Path gate = Files.writeString(dir.resolve("gate"), "open");
        Path template = ClusterNode.template(dir, sideEffects, gate);
        List<ClusterNode> nodes = List.of(ClusterNode.start(template, dir, "a", store, Duration.ofSeconds(5)),
                ClusterNode.start(template, dir, "b", store, Duration.ofSeconds(5)));
        nodes.forEach(closeables::add);

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicLong slowest503 = new AtomicLong();
        List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        closeables.add(senders::shutdownNow);
        List<Future<?>> loops = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            ClusterNode node = nodes.get(t % 2);
            loops.add(senders.submit(() -> {
                while (sending.get()) {
                    long started = System.nanoTime();
                    try {
                        var response = node.send("{}");
                        assertThat(response.statusCode()).isEqualTo(202);
                        accepted.add(response.responseMetadata().requestId());
                    } catch (ServiceException e) {
                        if (e.statusCode() == 503 && e.awsErrorDetails().errorMessage().contains("dev.overtime.")) {
                            unexpected.add(new AssertionError("a 503 that names Java classes: " + e.getMessage()));
                        } else if (e.statusCode() == 503) {
                            unavailable.incrementAndGet();
                            slowest503.accumulateAndGet(System.nanoTime() - started, Math::max);
                        } else {
                            unexpected.add(e);
                        }
                    } catch (RuntimeException | AssertionError e) {
                        unexpected.add(e);
                    }
                }
            }));
        }
        Eventually.await("200 events accepted", Duration.ofSeconds(60), () -> accepted.size() >= 200);

        postgres.stop();
        int acceptedBeforeOutage = accepted.size();
        try {
            Eventually.await("invokes get 503 during the outage", Duration.ofSeconds(60), () -> unavailable.get() >= 20);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; accepted " + accepted.size() + " (" + acceptedBeforeOutage
                    + " before), 503s " + unavailable.get() + ", other answers " + unexpected, e);
        }
        for (ClusterNode node : nodes) {
            JsonNode health = node.health();
            assertThat(health.get("Store").get("Reachable").asBoolean()).as(health.toString()).isFalse();
        }
        int acceptedDuringOutage = accepted.size() - acceptedBeforeOutage;

        postgres.startAgain();
        int acceptedAtRestart = accepted.size();
        Eventually.await("both nodes accept again", Duration.ofSeconds(60), () -> accepted.size() >= acceptedAtRestart + 200
                && nodes.stream().allMatch(StoreOutageTest::reachable));
        sending.set(false);
        for (Future<?> loop : loops) {
            loop.get();
        }
        assertThat(unexpected).as("answers other than 202 and 503").isEmpty();

        Eventually.await("every accepted event ran", Duration.ofSeconds(120),
                () -> new HashSet<>(ClusterNode.lines(sideEffects)).containsAll(accepted));
        Eventually.await("the queue is empty", Duration.ofSeconds(60),
                () -> nodes.stream().allMatch(n -> n.counts().values().stream().allMatch(c -> c == 0)));
        System.out.printf("outage test: %d accepted (%d while down), %d answered 503, slowest 503 in %d ms%n",
                accepted.size(), acceptedDuringOutage, unavailable.get(), slowest503.get() / 1_000_000);
        assertThat(Duration.ofNanos(slowest503.get())).as("a 503 comes at once, not after a hang")
                .isLessThan(Duration.ofSeconds(15));
    }

    private static boolean reachable(ClusterNode node) {
        try {
            return node.health().get("Store").get("Reachable").asBoolean();
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
