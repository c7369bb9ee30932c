package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Appends {@code <request id> <epoch millis> <value>} to the file {@code log} for every attempt, then
 * fails while the file {@code failWhile} exists (or always, with {@code fail: true}); otherwise it
 * answers {@code {"echo": value}}.
 */
public class AttemptRecorder implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Object value = input.get("value");
        try {
            Files.writeString(Path.of((String) input.get("log")),
                    context.getAwsRequestId() + " " + System.currentTimeMillis() + " " + value + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        boolean fail = Boolean.TRUE.equals(input.get("fail"))
                || (input.get("failWhile") != null && Files.exists(Path.of((String) input.get("failWhile"))));
        if (fail) {
            throw new IllegalStateException("attempt failed for " + value);
        }
        return Map.of("echo", String.valueOf(value));
    }
}
