package dev.overtime.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.overtime.lambda.AfterResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers at once, then spends a second of simulated work and logs that it finished. The caller
 * never waits for that second; the environment takes no other event until it is over.
 */
public class AnswerThenWork implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        long answeredAt = System.currentTimeMillis();
        AfterResponse.run(context, () -> {
            Thread.sleep(1000);
            context.getLogger().log("After-response work done " + (System.currentTimeMillis() - answeredAt)
                    + " ms after the answer (request " + context.getAwsRequestId() + ")");
        });
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("message", "Answered; the slow part runs after this response.");
        return output;
    }
}
