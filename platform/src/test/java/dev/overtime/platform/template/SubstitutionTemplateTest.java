package dev.overtime.platform.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overtime.platform.template.SubstitutionTemplate.Literal;
import dev.overtime.platform.template.SubstitutionTemplate.Variable;
import org.junit.jupiter.api.Test;

class SubstitutionTemplateTest {

    @Test
    void parse_whenTextHasVariables_splitsLiteralsAndVariables() {
        assertThat(SubstitutionTemplate.parse("arn:${AWS::Partition}:x:${Fn.Arn}/end").parts()).containsExactly(
                new Literal("arn:"), new Variable("AWS::Partition"), new Literal(":x:"), new Variable("Fn.Arn"),
                new Literal("/end"));
    }

    @Test
    void parse_whenVariableEscapedWithBang_keepsItLiteral() {
        assertThat(SubstitutionTemplate.parse("${!Literal} and ${Real}").parts())
                .containsExactly(new Literal("${Literal} and "), new Variable("Real"));
    }

    @Test
    void parse_whenBraceNeverCloses_keepsTheRestLiteral() {
        assertThat(SubstitutionTemplate.parse("cost: $5 ${unclosed").parts())
                .containsExactly(new Literal("cost: $5 ${unclosed"));
    }

    @Test
    void parse_whenTextEmpty_hasNoParts() {
        assertThat(SubstitutionTemplate.parse("").parts()).isEmpty();
    }
}
