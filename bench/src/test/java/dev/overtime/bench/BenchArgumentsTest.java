package dev.overtime.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Positional numbers keep their places whatever flags stand among them. */
class BenchArgumentsTest {

    @Test
    void numbers_areCountedWithoutTheFlags() {
        BenchArguments arguments = new BenchArguments(new String[]{"2", "--no-freeze", "1", "--quiet", "4"}, "usage",
                ServeConfiguration.FLAGS);

        assertThat(arguments.number(0, 10)).isEqualTo(2);
        assertThat(arguments.count(1, 10)).isEqualTo(1);
        assertThat(arguments.number(2, 30)).isEqualTo(4);
        assertThat(arguments.has("--no-freeze")).isTrue();
        assertThat(arguments.has("--quiet")).isTrue();
    }

    @Test
    void missingArguments_takeTheirDefaults_andNoFlagIsSet() {
        BenchArguments arguments = new BenchArguments(new String[]{"3"}, "usage", ServeConfiguration.FLAGS);

        assertThat(arguments.number(0, 10)).isEqualTo(3);
        assertThat(arguments.count(1, 10)).isEqualTo(10);
        assertThat(arguments.word(3)).isNull();
        assertThat(arguments.has("--no-freeze")).isFalse();
    }

    @Test
    void word_isThePositionalArgumentAsGiven() {
        BenchArguments arguments = new BenchArguments(new String[]{"8", "20000", "--quiet", "15", "acceptance"},
                "usage", ServeConfiguration.FLAGS);

        assertThat(arguments.word(3)).isEqualTo("acceptance");
    }
}
