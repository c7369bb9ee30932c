package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import dev.overtime.lambda.ResponseStream;
import dev.overtime.lambda.StreamingHandler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Records {@code <dir>/<name>.started}, streams two lines and closes the stream, then works for
 * {@code workMillis} and records {@code <dir>/<name>.worked} (epoch milliseconds). Without
 * {@code dir} it only answers.
 */
public class StreamThenTimedWork implements StreamingHandler<Map<String, Object>> {
    @Override
    public void handleRequest(Map<String, Object> input, ResponseStream response, Context context) throws Exception {
        if (input.get("dir") == null) {
            response.write("warm");
            return;
        }
        Path dir = Path.of((String) input.get("dir"));
        String name = (String) input.get("name");
        write(dir.resolve(name + ".started"));
        response.write("answered\n");
        response.write(name + "\n");
        response.close();
        Thread.sleep(((Number) input.get("workMillis")).longValue());
        write(dir.resolve(name + ".worked"));
    }

    private static void write(Path file) throws java.io.IOException {
        Files.writeString(file, Long.toString(System.currentTimeMillis()));
    }
}
