package dev.overtime.platform.sandbox;

import dev.overtime.platform.testing.Eventually;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The limit hosts without a memory cgroup get, on real processes. */
class RssWatchTest {

    @Test
    void processTreePastTheLimit_isKilled_andCountsAsOutOfMemory() throws Exception {
        RssWatch watch = new RssWatch(64L << 20);
        try {
            // The memory is a child's, as a runtime's is under bwrap.
            Process process = new ProcessBuilder("bash", "-c",
                    "bash -c 'a=$(head -c 400000000 /dev/zero | tr \"\\\\0\" x); sleep 60'; exit 3").start();
            watch.started(process);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process was ended").isTrue();
            assertThat(process.exitValue()).isEqualTo(137);
            assertThat(watch.outOfMemory()).isTrue();
            assertThat(watch.peakMegabytes()).isGreaterThan(64);
        } finally {
            watch.close();
        }
    }

    @Test
    void processTreeUnderTheLimit_runsOn() throws Exception {
        RssWatch watch = new RssWatch(512L << 20);
        try {
            Process process = new ProcessBuilder("bash", "-c", "a=$(head -c 1000000 /dev/zero | tr '\\0' x); sleep 1")
                    .start();
            watch.started(process);
            Eventually.await("a sample of the process", Duration.ofSeconds(30), () -> watch.peakMegabytes() > 0);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(watch.outOfMemory()).isFalse();
        } finally {
            watch.close();
        }
    }
}
