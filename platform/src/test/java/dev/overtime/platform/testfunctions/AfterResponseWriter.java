package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.overtime.lambda.AfterResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Records when it started in {@code <dir>/<name>.started}, answers at once, and after the response
 * works for {@code workMillis}, then records when that work ended in {@code <dir>/<name>.worked}
 * (both as epoch milliseconds). Without {@code dir} it only answers.
 */
public class AfterResponseWriter implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        if (input.get("dir") == null) {
            return "warm";
        }
        Path dir = Path.of((String) input.get("dir"));
        String name = (String) input.get("name");
        long workMillis = ((Number) input.get("workMillis")).longValue();
        write(dir.resolve(name + ".started"));
        AfterResponse.run(context, () -> {
            Thread.sleep(workMillis);
            write(dir.resolve(name + ".worked"));
        });
        return "answered " + name;
    }

    private static void write(Path file) {
        try {
            Files.writeString(file, Long.toString(System.currentTimeMillis()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
