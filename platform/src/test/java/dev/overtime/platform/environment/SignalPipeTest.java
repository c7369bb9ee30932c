package dev.overtime.platform.environment;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The order signals leave in while the sender is busy: continues first, cancelled stops never. */
class SignalPipeTest {

    private static final int SIGCONT = 18;
    private static final int SIGSTOP = 19;

    /** Records every kill; the first one blocks until released, so the test can queue behind it. */
    private static final class HeldKill implements SignalPipe.Kill {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void send(int target, int signal) throws InterruptedException {
            sent.add((signal == SIGSTOP ? "STOP " : signal == SIGCONT ? "CONT " : signal + " ") + target);
            firstStarted.countDown();
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void continueOvertakesQueuedStops_andAStopContinuedBeforeItLeftIsNeverSent() throws Exception {
        HeldKill kill = new HeldKill();
        SignalPipe.PendingStop third;
        try (SignalPipe pipe = new SignalPipe(kill)) {
            SignalPipe.PendingStop first = pipe.stop(new int[]{-101});
            assertThat(kill.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            SignalPipe.PendingStop second = pipe.stop(new int[]{-102});
            third = pipe.stop(new int[]{-103});

            // The sender is inside the first stop: too late to cancel it, so its continue is queued.
            assertThat(first.cancel()).isFalse();
            pipe.resume(new int[]{-101});
            // The second never left: cancelling it means neither it nor a continue is sent.
            assertThat(second.cancel()).isTrue();
            kill.release.countDown();
        }

        assertThat(kill.sent).containsExactly("STOP -101", "CONT -101", "STOP -103");
        assertThat(third.cancel()).isFalse();
    }

    @Test
    void closeSendsEverythingQueuedBeforeIt() throws Exception {
        HeldKill kill = new HeldKill();
        SignalPipe pipe = new SignalPipe(kill);
        pipe.stop(new int[]{7, 8});
        assertThat(kill.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        pipe.resume(new int[]{7, 8});
        kill.release.countDown();

        pipe.close();

        assertThat(kill.sent).containsExactly("STOP 7", "STOP 8", "CONT 7", "CONT 8");
        assertThat(pipe.sent()).isEqualTo(2);
    }
}
