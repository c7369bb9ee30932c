package dev.overtime.platform.environment;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Every transition from every state: the lifecycle drawn in {@link EnvironmentState}'s javadoc and nothing else. */
class EnvironmentStateTest {

    @Test
    void starting_canBecomeIdleOrStopOrDie() {
        assertThat(EnvironmentState.STARTING.successors())
                .containsExactlyInAnyOrder(EnvironmentState.IDLE, EnvironmentState.STOPPING, EnvironmentState.DEAD);
    }

    @Test
    void idleAndBusy_alternate_andCanStopOrDie() {
        assertThat(EnvironmentState.IDLE.successors())
                .containsExactlyInAnyOrder(EnvironmentState.BUSY, EnvironmentState.STOPPING, EnvironmentState.DEAD);
        assertThat(EnvironmentState.BUSY.successors())
                .containsExactlyInAnyOrder(EnvironmentState.IDLE, EnvironmentState.STOPPING, EnvironmentState.DEAD);
    }

    @Test
    void stopping_canOnlyDie_andDeadIsTerminal() {
        assertThat(EnvironmentState.STOPPING.successors()).containsExactly(EnvironmentState.DEAD);
        assertThat(EnvironmentState.DEAD.successors()).isEmpty();
    }

    @Test
    void noStateReturnsToStarting() {
        for (EnvironmentState state : EnvironmentState.values()) {
            assertThat(state.canMoveTo(EnvironmentState.STARTING)).as(state.name())
                    .isEqualTo(state == EnvironmentState.STARTING);
        }
    }

    @Test
    void onlyStartingIdleAndBusyAreLive() {
        EnumSet<EnvironmentState> live = EnumSet.noneOf(EnvironmentState.class);
        for (EnvironmentState state : EnvironmentState.values()) {
            if (state.isLive()) {
                live.add(state);
            }
        }
        assertThat(live).containsExactlyInAnyOrder(EnvironmentState.STARTING, EnvironmentState.IDLE, EnvironmentState.BUSY);
    }
}
