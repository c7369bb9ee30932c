package dev.overtime.examples;

import com.amazonaws.services.lambda.runtime.Context;
import dev.overtime.lambda.ResponseStream;
import dev.overtime.lambda.StreamingHandler;
import java.util.List;
import java.util.Map;

/**
 * A streamed response: four lines, half a second apart, each delivered as it is written.
 * Handler: {@code dev.overtime.examples.Countdown}.
 */
public class Countdown implements StreamingHandler<Map<String, Object>> {

    @Override
    public void handleRequest(Map<String, Object> event, ResponseStream response, Context context)
            throws Exception {
        response.setContentType("text/plain");
        List<String> lines = List.of("3\n", "2\n", "1\n", "liftoff\n");
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                Thread.sleep(500);
            }
            response.write(lines.get(i));
        }
        response.close();
    }
}
