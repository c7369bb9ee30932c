package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import dev.overtime.lambda.ResponseStream;
import dev.overtime.lambda.StreamingHandler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Answers at once, closes the stream, then keeps working until the file {@code gate} exists and
 * marks the end of its work in {@code marker}. Called with {@code check}, it reports whether that
 * marker already existed when it started: "after" if the work had ended, "overlap" if not.
 */
public class StreamThenWork implements StreamingHandler<Map<String, Object>> {
    @Override
    public void handleRequest(Map<String, Object> input, ResponseStream response, Context context) throws Exception {
        if (input.get("check") != null) {
            response.write(Files.exists(Path.of((String) input.get("check"))) ? "after" : "overlap");
            return;
        }
        response.write("answered\n");
        response.close();
        Path gate = Path.of((String) input.get("gate"));
        while (!Files.exists(gate)) {
            Thread.sleep(2);
        }
        Files.writeString(Path.of((String) input.get("marker")), "done");
    }
}
