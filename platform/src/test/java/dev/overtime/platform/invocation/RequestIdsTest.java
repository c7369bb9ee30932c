package dev.overtime.platform.invocation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

    @Test
    void next_isAVersion7UuidThatGrowsWithEveryCall() {
        long before = System.currentTimeMillis();
        String previous = "";
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.next();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(id).as("ids sort in the order they were made").isGreaterThan(previous);
            previous = id;
        }
        long stampMillis = UUID.fromString(previous).getMostSignificantBits() >>> 16;
        // 10,000 ids may borrow at most 3 ms from the future (4096 per millisecond).
        assertThat(stampMillis).isBetween(before, System.currentTimeMillis() + 3);
    }

    @Test
    void next_neverRepeatsAcrossThreads() throws Exception {
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 5_000; i++) {
                    ids.add(RequestIds.next());
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        Set<String> distinct = new HashSet<>(ids);
        assertThat(distinct).hasSize(40_000);
    }
}
