package dev.overtime.examples;

import com.amazonaws.services.lambda.runtime.Context;
import dev.overtime.lambda.ResponseStream;
import dev.overtime.lambda.StreamingHandler;
import java.util.Map;

/**
 * Streams its answer and closes the stream, then spends a second of simulated work and logs that it
 * finished. The caller has the whole answer at once; the environment takes no other event until
 * the handler returns.
 */
public class StreamThenWork implements StreamingHandler<Map<String, Object>> {

    @Override
    public void handleRequest(Map<String, Object> input, ResponseStream response, Context context) throws Exception {
        response.setContentType("text/plain");
        response.write("Answered; the slow part runs after this stream ends.\n");
        response.close();
        long closedAt = System.currentTimeMillis();
        Thread.sleep(1000);
        context.getLogger().log("Work after the stream done " + (System.currentTimeMillis() - closedAt)
                + " ms after it ended (request " + context.getAwsRequestId() + ")");
    }
}
