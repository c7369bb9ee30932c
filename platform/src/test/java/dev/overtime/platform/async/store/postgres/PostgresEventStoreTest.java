package dev.overtime.platform.async.store.postgres;

import dev.overtime.platform.async.EventState;
import dev.overtime.platform.async.QueuedEvent;
import dev.overtime.platform.async.store.EventStore.Claim;
import dev.overtime.platform.async.store.EventStore.Settlement;
import dev.overtime.platform.async.store.EventStoreUnavailableException;
import dev.overtime.platform.async.store.StoreListener;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared store against a real PostgreSQL: migrations, claims by several nodes, leases, notifications, outages. */
class PostgresEventStoreTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static PostgresServer server;
    private final List<PostgresEventStore> stores = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeStores() {
        stores.forEach(PostgresEventStore::close);
    }

    private PostgresEventStore open(String url, String node) {
        PostgresEventStore store = PostgresEventStore.open(PostgresLocation.parse(url), node, LEASE);
        stores.add(store);
        return store;
    }

    private static QueuedEvent event(String id, String target, long now) {
        return QueuedEvent.accepted(id, target, ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), null, now);
    }

    @Test
    void open_byFourNodesAtOnceOnAnEmptyDatabase_migratesOnceAndAllStart() throws Exception {
        String url = server.newDatabase();
        ExecutorService starters = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<PostgresEventStore>> opened = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String node = "node-" + i;
            opened.add(starters.submit(() -> {
                go.await();
                return PostgresEventStore.open(PostgresLocation.parse(url), node, LEASE);
            }));
        }
        go.countDown();
        for (Future<PostgresEventStore> f : opened) {
            stores.add(f.get());
        }
        starters.shutdown();
        try (Connection c = server.connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, success FROM overtime_schema_history WHERE version IS NOT NULL "
                     + "ORDER BY installed_rank")) {
            List<String> applied = new ArrayList<>();
            while (rs.next()) {
                applied.add(rs.getString(1) + ":" + rs.getBoolean(2));
            }
            assertThat(applied).containsExactly("1:true", "2:true");
        }
        stores.get(0).append(List.of(event("e-1", "fn", 1000))).join();
        assertThat(stores.get(3).find("e-1").join()).get().extracting(QueuedEvent::state).isEqualTo(EventState.QUEUED);
    }

    @Test
    void claim_byTwoNodesAtOnce_givesEachEventToOneNode() throws Exception {
        String url = server.newDatabase();
        PostgresEventStore a = open(url, "a");
        PostgresEventStore b = open(url, "b");
        List<QueuedEvent> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            events.add(event("e-" + i, "fn", 1000));
        }
        a.append(events).join();
        Set<String> byA = ConcurrentHashMap.newKeySet();
        Set<String> byB = ConcurrentHashMap.newKeySet();
        CompletableFuture<Void> claimsA = CompletableFuture.runAsync(() -> drain(a, byA));
        CompletableFuture<Void> claimsB = CompletableFuture.runAsync(() -> drain(b, byB));
        CompletableFuture.allOf(claimsA, claimsB).join();

        Set<String> all = new HashSet<>(byA);
        all.addAll(byB);
        assertThat(all).hasSize(400);
        assertThat(byA).doesNotContainAnyElementsOf(byB);
        assertThat(a.counts("fn").join()).containsEntry(EventState.IN_FLIGHT, 400L).containsEntry(EventState.QUEUED, 0L);
    }

    private static void drain(PostgresEventStore store, Set<String> claimed) {
        while (true) {
            Claim claim = store.claim("fn", 2000, 7).join();
            if (claim.events().isEmpty()) {
                return;
            }
            claim.events().forEach(e -> assertThat(claimed.add(e.id())).isTrue());
        }
    }

    @Test
    void recover_takesBackTheEventsOfANodeWhoseLeaseRanOut_andLeavesLiveNodesAlone() throws Exception {
        String url = server.newDatabase();
        PostgresEventStore dying = open(url, "dying");
        PostgresEventStore live = open(url, "live");
        dying.append(List.of(event("d-1", "fn", 1000), event("d-2", "fn", 1000), event("l-1", "other", 1000))).join();
        assertThat(dying.claim("fn", 2000, 10).join().events()).hasSize(2);
        assertThat(live.claim("other", 2000, 10).join().events()).hasSize(1);
        // What a SIGKILLed node leaves: its lease runs out, nobody renews it.
        try (Connection c = server.connect(url); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE nodes SET lease_until = 0 WHERE id = 'dying'");
        }

        PostgresEventStore restarted = open(url, "restarted");
        assertThat(restarted.recover().join()).contains("fn").doesNotContain("other");
        assertThat(restarted.claim("fn", 2000, 10).join().events()).extracting(QueuedEvent::id)
                .containsExactly("d-1", "d-2");
        assertThat(live.find("l-1").join()).get().extracting(QueuedEvent::state).isEqualTo(EventState.IN_FLIGHT);
    }

    @Test
    void settle_byANodeThatLostTheEvent_changesNothingAndWritesNoDestinationRecord() throws Exception {
        String url = server.newDatabase();
        PostgresEventStore cutOff = open(url, "cut-off");
        PostgresEventStore other = open(url, "other");
        cutOff.append(List.of(event("e-1", "fn", 1000))).join();
        QueuedEvent taken = cutOff.claim("fn", 2000, 1).join().events().getFirst();
        try (Connection c = server.connect(url); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE nodes SET lease_until = 0 WHERE id = 'cut-off'");
        }
        other.recover().join();
        assertThat(other.claim("fn", 2000, 1).join().events()).extracting(QueuedEvent::id).containsExactly("e-1");

        cutOff.settle(new Settlement.Delivered(taken, List.of(event("record-1", "on-success", 3000)))).join();

        assertThat(other.find("e-1").join()).get().extracting(QueuedEvent::state).isEqualTo(EventState.IN_FLIGHT);
        assertThat(other.find("record-1").join()).isEmpty();
        QueuedEvent running = other.find("e-1").join().orElseThrow();
        other.settle(new Settlement.Delivered(running, List.of(event("record-2", "on-success", 3000)))).join();
        assertThat(other.find("e-1").join()).isEmpty();
        assertThat(other.find("record-2").join()).isPresent();
    }

    @Test
    void append_onOneNode_wakesAnotherNodeThroughNotify_andConfigurationsFollow() throws Exception {
        String url = server.newDatabase();
        PostgresEventStore a = open(url, "a");
        PostgresEventStore b = open(url, "b");
        Set<String> woken = ConcurrentHashMap.newKeySet();
        CountDownLatch configsChanged = new CountDownLatch(2); // once when listening starts, once for the put
        b.listen(new StoreListener() {
            @Override
            public void eventsArrived(String target) {
                woken.add(target);
            }

            @Override
            public void configurationsChanged() {
                configsChanged.countDown();
            }
        });
        Eventually.await("b listens", Duration.ofSeconds(20), () -> configsChanged.getCount() == 1);
        a.append(List.of(event("e-1", "arrived-fn", System.currentTimeMillis() + 3_600_000))).join();
        Eventually.await("b was told about arrived-fn", Duration.ofSeconds(20), () -> woken.contains("arrived-fn"));

        a.putConfiguration("fn", "{\"MaximumRetryAttempts\":0}").join();
        Eventually.await("b was told the configurations changed", Duration.ofSeconds(20),
                () -> configsChanged.getCount() == 0);
        assertThat(b.configurations().join()).containsEntry("fn", "{\"MaximumRetryAttempts\":0}");
    }

    @Test
    void append_whileTheDatabaseIsDown_failsAsUnavailable_andWorksAgainWhenItIsBack() throws Exception {
        try (PostgresServer own = PostgresServer.start()) {
            String url = own.newDatabase();
            PostgresEventStore store = open(url, "n");
            store.append(List.of(event("before", "fn", 1000))).join();

            own.stop();
            long started = System.nanoTime();
            assertThatThrownBy(() -> store.append(List.of(event("during", "fn", 1000))).join())
                    .isInstanceOf(CompletionException.class)
                    .satisfies(e -> assertThat(EventStoreUnavailableException.isCause(e)).as(e.toString()).isTrue());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
            assertThatThrownBy(() -> store.depth().join())
                    .satisfies(e -> assertThat(EventStoreUnavailableException.isCause(e)).isTrue());
            for (int i = 0; i < 5; i++) { // each fails at once while reconnecting is held back, none is left waiting
                CompletableFuture<Void> again = store.append(List.of(event("during-" + i, "fn", 1000)));
                assertThatThrownBy(again::join)
                        .satisfies(e -> assertThat(EventStoreUnavailableException.isCause(e)).isTrue());
            }

            own.startAgain();
            Eventually.await("the store reconnected", Duration.ofSeconds(30), () -> {
                try {
                    store.append(List.of(event("after", "fn", 1000))).join();
                    return true;
                } catch (CompletionException e) {
                    return false;
                }
            });
            Map<EventState, Long> counts = store.counts("fn").join();
            assertThat(counts.get(EventState.QUEUED)).isEqualTo(2L);
            assertThat(store.find("before").join()).isPresent();
            assertThat(store.find("after").join()).isPresent();
        }
    }
}
