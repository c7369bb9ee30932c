package dev.overtime.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandInModelTest {

    @Test
    void theSameQuestion_getsTheSameTokens_andAnotherQuestionOthers() {
        List<String> first = StandInModel.tokens("How do async resolvers work?");

        assertThat(StandInModel.tokens("  How do async resolvers work?  ")).isEqualTo(first);
        assertThat(StandInModel.tokens("What is a replay buffer?")).isNotEqualTo(first);
    }

    @Test
    void tokens_areWordPiecesOfAPlausibleAnswer() {
        List<String> tokens = StandInModel.tokens("What is a replay buffer?");
        String text = String.join("", tokens);

        assertThat(tokens).hasSizeGreaterThan(60).allSatisfy(t -> assertThat(t).isNotBlank().hasSizeLessThan(12));
        assertThat(text).contains("\"What is a replay buffer\"").endsWith(".").doesNotContain("  ");
    }

    @Test
    void answer_streamsEveryToken_atNoMoreThanThePaceAsked() throws InterruptedException {
        String question = "Why pace tokens?";
        List<String> streamed = new ArrayList<>();
        int tokens = StandInModel.tokens(question).size();
        double tokensPerSecond = 400;

        long start = System.nanoTime();
        new StandInModel(tokensPerSecond).answer(question, streamed::add);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(streamed).isEqualTo(StandInModel.tokens(question));
        // Each gap is at least 60% of the mean; sleeping never returns early.
        assertThat(elapsedMillis).isGreaterThanOrEqualTo((long) ((tokens - 1) * 0.6 * 1000 / tokensPerSecond));
    }
}
