package dev.overtime.examples.chat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline model: a plausible answer, streamed as word-piece tokens at a model's pace (about
 * {@code tokensPerSecond}, each gap varied by up to 40%). The same question always gets the same
 * tokens, so runs can be compared.
 */
final class StandInModel implements TokenSource {

    private static final Pattern TOKEN = Pattern.compile("\\s*[\\p{L}\\p{N}'’-]+|\\s*[^\\p{L}\\p{N}\\s]|\\s+$");

    private static final List<String> OPENINGS = List.of(
            "You asked %s. Here is how I would think about it.",
            "Let me walk through %s step by step.",
            "Good question: %s. Short answer first, then the details.");
    private static final List<String> BODY = List.of(
            "The key idea is to separate what must happen now from what can happen a moment later.",
            "In practice, most of the work is in choosing sensible defaults and measuring before optimizing.",
            "A common mistake is to treat every part of the problem as equally urgent.",
            "It helps to start from a small, working example and grow it one change at a time.",
            "The trade-off is usually between latency for one user and throughput for many.",
            "When something goes wrong, a clear error that names the cause saves hours later.",
            "Streaming the result as it is produced makes even a slow answer feel responsive.",
            "Keeping each step ordered and numbered means nothing is lost or repeated on the way.",
            "Think of it as a conversation: each part builds on the one before it.",
            "Caching helps, but only once you know which results are worth keeping.");
    private static final List<String> CLOSINGS = List.of(
            "I hope that helps; ask a follow-up if you want more depth.",
            "That is the gist of it, answered by Overtime's offline stand-in model.",
            "In short: keep it simple, keep it ordered, and measure.");

    private final double tokensPerSecond;

    StandInModel(double tokensPerSecond) {
        if (!(tokensPerSecond > 0)) {
            throw new IllegalArgumentException("tokensPerSecond must be positive, got " + tokensPerSecond);
        }
        this.tokensPerSecond = tokensPerSecond;
    }

    @Override
    public void answer(String question, Consumer<String> tokens) throws InterruptedException {
        Random pace = new Random(seed(question));
        double meanGapMillis = 1000.0 / tokensPerSecond;
        boolean first = true;
        for (String token : tokens(question)) {
            if (!first) {
                Thread.sleep(Math.round(meanGapMillis * (0.6 + 0.8 * pace.nextDouble())));
            }
            first = false;
            tokens.accept(token);
        }
    }

    /** The whole answer to {@code question}, split as it is streamed. */
    static List<String> tokens(String question) {
        Random choice = new Random(seed(question));
        List<String> body = new ArrayList<>(BODY);
        Collections.shuffle(body, choice);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                OPENINGS.get(choice.nextInt(OPENINGS.size())), topic(question)));
        for (String sentence : body.subList(0, 4 + choice.nextInt(3))) {
            text.append(' ').append(sentence);
        }
        text.append(' ').append(CLOSINGS.get(choice.nextInt(CLOSINGS.size())));
        return split(text.toString());
    }

    private static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String piece = m.group();
            String word = piece.strip();
            // Long words go out in two pieces, as a real tokenizer would split them.
            if (word.length() > 8) {
                int cut = piece.length() - word.length() + 5;
                tokens.add(piece.substring(0, cut));
                tokens.add(piece.substring(cut));
            } else if (!piece.isEmpty()) {
                tokens.add(piece);
            }
        }
        return tokens;
    }

    private static String topic(String question) {
        String t = question.strip().replaceAll("[?!.\\s]+$", "");
        if (t.isEmpty()) {
            return "your question";
        }
        return t.length() > 80 ? "\"" + t.substring(0, 80) + "...\"" : "\"" + t + "\"";
    }

    /** String.hashCode is specified, so the seed is the same on every JVM. */
    private static long seed(String question) {
        return question.strip().hashCode();
    }
}
