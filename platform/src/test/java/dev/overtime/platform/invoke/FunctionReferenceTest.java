package dev.overtime.platform.invoke;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every form in which callers name a function. */
class FunctionReferenceTest {

    @Test
    void parse_acceptsNamesPartialAndFullArnsWithQualifiers() throws Exception {
        assertThat(FunctionReference.parse("f", null, "us-east-1")).isEqualTo(new FunctionReference("f", null));
        assertThat(FunctionReference.parse("f:$LATEST", null, "us-east-1")).isEqualTo(new FunctionReference("f", "$LATEST"));
        assertThat(FunctionReference.parse("123456789012:function:f", null, "us-east-1").name()).isEqualTo("f");
        assertThat(FunctionReference.parse("arn:aws:lambda:us-east-1:123456789012:function:f:prod", null, "us-east-1"))
                .isEqualTo(new FunctionReference("f", "prod"));
        assertThat(FunctionReference.parse("f", "7", "us-east-1").qualifier()).isEqualTo("7");
    }

    @Test
    void parse_takesEveryNameCharacterAndRefusesTheRestAsThePatternDoes() throws Exception {
        String allChars = "abcxyzABCXYZ0189-_.";
        assertThat(FunctionReference.parse(allChars, null, "us-east-1")).isEqualTo(new FunctionReference(allChars, null));
        for (String bad : new String[] {"", "f!", "f/g", "é", "f ", "x".repeat(171)}) {
            assertThatThrownBy(() -> FunctionReference.parse(bad, null, "us-east-1"))
                    .as(bad)
                    .isInstanceOfSatisfying(LambdaApiException.class,
                            e -> assertThat(e.error()).isEqualTo(ApiError.VALIDATION));
        }
        assertThat(FunctionReference.parse("x".repeat(170), null, "us-east-1").name()).hasSize(170);
    }

    @Test
    void parse_keepsTheQualifierOfTheNameOrTheParameter() throws Exception {
        assertThat(FunctionReference.parse("f", null, "us-east-1").qualifier()).isNull();
        assertThat(FunctionReference.parse("f:$LATEST", null, "us-east-1").qualifier()).isEqualTo("$LATEST");
        assertThat(FunctionReference.parse("f:live", null, "us-east-1").qualifier()).isEqualTo("live");
        assertThat(FunctionReference.parse("f", "1", "us-east-1").qualifier()).isEqualTo("1");
    }

    @Test
    void parse_rejectsConflictingQualifiersOtherRegionsAndBadNames() {
        assertThatThrownBy(() -> FunctionReference.parse("f:a", "b", "us-east-1"))
                .hasMessageContaining("does not match the specified qualifier");
        assertThatThrownBy(() -> FunctionReference.parse("arn:aws:lambda:eu-west-1:123456789012:function:f", null, "us-east-1"))
                .hasMessageContaining("not reachable in this region");
        assertThatThrownBy(() -> FunctionReference.parse("no spaces", null, "us-east-1"))
                .isInstanceOfSatisfying(LambdaApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ApiError.VALIDATION));
    }

    @Test
    void parse_refusesAQualifierParameterWithCharactersThePatternDoesNotTake() {
        for (String bad : new String[] {"a!b", "li ve", "v/1", "q".repeat(129)}) {
            assertThatThrownBy(() -> FunctionReference.parse("f", bad, "us-east-1"))
                    .as(bad)
                    .isInstanceOfSatisfying(LambdaApiException.class, e -> {
                        assertThat(e.error()).isEqualTo(ApiError.VALIDATION);
                        assertThat(e.getMessage()).contains("at 'qualifier'");
                    });
            assertThatThrownBy(() -> FunctionReference.parse("arn:aws:lambda:us-east-1:123456789012:function:f",
                    bad, "us-east-1")).as(bad).isInstanceOf(LambdaApiException.class);
        }
    }
}
