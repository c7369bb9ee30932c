package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import dev.overtime.lambda.ResponseStream;
import dev.overtime.lambda.StreamingHandler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a first chunk, then writes the second only once the file {@code gate} exists. A caller
 * that creates the file on receiving the first chunk proves the chunk reached it before the
 * function went on: a buffering platform would deadlock here until the timeout.
 */
public class GatedStream implements StreamingHandler<Map<String, Object>> {
    @Override
    public void handleRequest(Map<String, Object> input, ResponseStream response, Context context) throws Exception {
        Path gate = Path.of((String) input.get("gate"));
        response.setContentType("text/plain");
        response.write("first\n");
        while (!Files.exists(gate)) {
            if (context.getRemainingTimeInMillis() < 200) {
                throw new IllegalStateException("the first chunk never reached the caller");
            }
            Thread.sleep(2);
        }
        response.write("second\n");
    }
}
