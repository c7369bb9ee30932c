package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Works for 50 ms, so a crash finds events in flight, then appends the event's {@code id} as one line to
 * the file {@code $SIDE_EFFECTS} (O_APPEND, so lines from several environments never interleave). The
 * line comes last so that it means the run completed: an event cut off mid-run leaves no line.
 */
public class SlowAppender implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        try {
            Thread.sleep(50);
            Files.writeString(Path.of(System.getenv("SIDE_EFFECTS")), input.get("id") + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return "ok";
    }
}
