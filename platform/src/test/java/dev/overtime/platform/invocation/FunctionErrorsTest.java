package dev.overtime.platform.invocation;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The error documents callers receive, in AWS's exact wording. */
class FunctionErrorsTest {

    @Test
    void timedOut_usesLambdasWording() {
        assertThat(FunctionErrors.timedOut("abc", Duration.ofMillis(2500)).bodyText()).isEqualTo(
                "{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: abc Error: Task timed out after 2.50 seconds\"}");
    }

    @Test
    void responseTooLarge_namesBothSizes() {
        assertThat(FunctionErrors.responseTooLarge(7_000_000).bodyText()).isEqualTo(
                "{\"errorType\":\"Function.ResponseSizeTooLarge\",\"errorMessage\":\"Response payload size "
                        + "(7000000 bytes) exceeded maximum allowed payload size (6291556 bytes).\"}");
    }

    @Test
    void fromRuntime_keepsAJsonBodyAsSent() {
        byte[] body = "{\"errorMessage\":\"x\",\"errorType\":\"MyError\",\"stackTrace\":[]}".getBytes(StandardCharsets.UTF_8);

        InvocationOutcome.Failure failure = FunctionErrors.fromRuntime("Function.MyError", body);

        assertThat(failure.errorType()).isEqualTo("Function.MyError");
        assertThat(failure.body()).isEqualTo(body);
    }

    @Test
    void fromRuntime_wrapsPlainTextAndReplacesAMalformedType() {
        InvocationOutcome.Failure failure = FunctionErrors.fromRuntime("not a type!", "it \"broke\"".getBytes(StandardCharsets.UTF_8));

        assertThat(failure.errorType()).isEqualTo("Function.Unknown");
        assertThat(failure.bodyText()).isEqualTo("{\"errorType\":\"Function.Unknown\",\"errorMessage\":\"it \\\"broke\\\"\"}");
    }

    @Test
    void exited_describesSignalsLikeLambda() {
        assertThat(FunctionErrors.exited("r", 2).bodyText()).contains("exit status 2");
        assertThat(FunctionErrors.exited("r", 137).bodyText()).contains("signal: killed");
        assertThat(FunctionErrors.exited("r", 143).bodyText()).contains("signal: 15");
    }
}
