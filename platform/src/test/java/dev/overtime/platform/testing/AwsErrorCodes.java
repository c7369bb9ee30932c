package dev.overtime.platform.testing;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks the error code an AWS SDK exception carries, for codes the SDK has no class of its own for. */
public final class AwsErrorCodes {

    private AwsErrorCodes() {
    }

    /** For {@code assertThatThrownBy(...).satisfies(code("ValidationException"))}: a 400 with that code. */
    public static Consumer<Throwable> code(String expected) {
        return thrown -> {
            assertThat(thrown).isInstanceOf(AwsServiceException.class);
            AwsServiceException e = (AwsServiceException) thrown;
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(expected);
        };
    }
}
