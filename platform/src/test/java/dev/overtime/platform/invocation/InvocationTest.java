package dev.overtime.platform.invocation;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The invocation state machine: the first answer wins, every later one is refused. */
class InvocationTest {

    private static Invocation newInvocation() {
        return new Invocation(new InvocationRequest("f", "arn:aws:lambda:us-east-1:123456789012:function:f",
                "{}".getBytes(StandardCharsets.UTF_8), null, null, null, false));
    }

    private static final InvocationOutcome OK = new InvocationOutcome.Response(new byte[0], null);

    @Test
    void dispatch_thenComplete_thenSettle_walksTheWholeLifecycle() {
        Invocation inv = newInvocation();

        assertThat(inv.state()).isEqualTo(InvocationState.ACCEPTED);
        assertThat(inv.dispatch(123L)).isTrue();
        assertThat(inv.state()).isEqualTo(InvocationState.DISPATCHED);
        assertThat(inv.deadlineEpochMillis()).isEqualTo(123L);
        assertThat(inv.complete(OK)).isTrue();
        assertThat(inv.outcome()).isCompletedWithValue(OK);
        assertThat(inv.settlement()).isNotDone();
        assertThat(inv.settle(Settlement.NONE, OK)).isTrue();
        assertThat(inv.state()).isEqualTo(InvocationState.SETTLED);
        assertThat(inv.settlement()).isCompletedWithValue(Settlement.NONE);
    }

    @Test
    void complete_secondAnswer_isRefusedAndTheFirstStands() {
        Invocation inv = newInvocation();
        inv.dispatch(0);
        InvocationOutcome timeout = FunctionErrors.timedOut(inv.requestId(), Duration.ofSeconds(3));

        assertThat(inv.complete(timeout)).isTrue();
        assertThat(inv.complete(OK)).isFalse();
        assertThat(inv.outcome()).isCompletedWithValue(timeout);
    }

    @Test
    void dispatch_afterCompletion_isRefused() {
        Invocation inv = newInvocation();
        inv.settle(Settlement.NONE, FunctionErrors.sandboxFailure(inv.requestId(), "shutting down"));

        assertThat(inv.dispatch(0)).isFalse();
        assertThat(inv.state()).isEqualTo(InvocationState.SETTLED);
    }

    @Test
    void settle_beforeAnyAnswer_completesWithTheFallback() {
        Invocation inv = newInvocation();
        inv.dispatch(0);
        InvocationOutcome.Failure crash = FunctionErrors.exited(inv.requestId(), 137);

        assertThat(inv.settle(Settlement.NONE, crash)).isTrue();
        assertThat(inv.outcome()).isCompletedWithValue(crash);
        assertThat(crash.bodyText()).contains("Runtime exited with error: signal: killed");
        assertThat(inv.settle(Settlement.NONE, crash)).isFalse();
    }
}
