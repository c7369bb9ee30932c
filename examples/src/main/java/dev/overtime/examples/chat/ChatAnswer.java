package dev.overtime.examples.chat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.overtime.lambda.appsync.ChunkPublisher;
import dev.overtime.lambda.appsync.ChunkStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers a chat question in the background: the {@code ask} resolver invokes it with
 * {@code invocationType: 'Event'} and the payload {@code {conversationId, question}}. It streams the
 * answer from the model and publishes every token as a {@code publishChunk} mutation to the API at
 * {@code GRAPHQL_URL} (key {@code GRAPHQL_API_KEY}), seq 1, 2, ..., then an empty chunk with
 * {@code done: true}.
 *
 * <p>The model is the OpenAI-compatible endpoint at {@code OPENAI_BASE_URL} ({@code OPENAI_API_KEY},
 * {@code OPENAI_MODEL}, default {@code gpt-4o-mini}); without it, the offline {@link StandInModel} at
 * {@code STAND_IN_TOKENS_PER_SECOND} (default 45). If the model fails mid-answer, the last chunk says so,
 * so the page does not wait forever, and the invocation still succeeds: a retry would repeat the answer
 * into the same conversation.
 *
 * <p>Handler: {@code dev.overtime.examples.chat.ChatAnswer}.
 */
public class ChatAnswer implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    static final double DEFAULT_TOKENS_PER_SECOND = 45;

    private final Map<String, String> env;

    public ChatAnswer() {
        this(System.getenv());
    }

    ChatAnswer(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Question question = Question.from(event);
        ChunkStream answer = ChunkPublisher.fromEnvironment(env).stream(question.conversationId());
        String failure = null;
        try {
            model().answer(question.text(), answer::send);
        } catch (IOException | RuntimeException e) {
            if (e instanceof dev.overtime.lambda.appsync.PublishException) {
                throw (RuntimeException) e;
            }
            failure = e.getMessage();
            if (context != null) {
                context.getLogger().log("The model failed answering " + question.conversationId() + ": " + e + "\n");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        answer.finish(failure == null ? "" : "\n\n[The model failed: " + failure + "]");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("conversationId", question.conversationId());
        result.put("chunks", answer.lastSeq());
        result.put("failed", failure != null);
        return result;
    }

    TokenSource model() {
        String baseUrl = blankToNull(env.get("OPENAI_BASE_URL"));
        if (baseUrl != null) {
            String model = blankToNull(env.get("OPENAI_MODEL"));
            return new OpenAiChatStream(baseUrl, blankToNull(env.get("OPENAI_API_KEY")),
                    model == null ? "gpt-4o-mini" : model);
        }
        String pace = blankToNull(env.get("STAND_IN_TOKENS_PER_SECOND"));
        try {
            return new StandInModel(pace == null ? DEFAULT_TOKENS_PER_SECOND : Double.parseDouble(pace));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("STAND_IN_TOKENS_PER_SECOND must be a number, got " + pace, e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
