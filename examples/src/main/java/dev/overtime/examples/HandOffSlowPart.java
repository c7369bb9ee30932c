package dev.overtime.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.overtime.lambda.AsyncHandoff;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers, after handing the slow part of the job to {@code slow-part-java} as an asynchronous
 * invoke: the platform keeps the event durably and retries it, which after-response work does not.
 * Needs {@code AWS_ENDPOINT_URL_LAMBDA} (or {@code AWS_ENDPOINT_URL}); without it the invocation
 * fails with AsyncHandoff's explanation.
 */
public class HandOffSlowPart implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    static final String SLOW_PART_FUNCTION = "slow-part-java";

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        String job = "{\"requestedBy\":\"" + context.getAwsRequestId() + "\"}";
        String queuedAs = AsyncHandoff.invoke(SLOW_PART_FUNCTION, job);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("message", "Answered; " + SLOW_PART_FUNCTION + " does the slow part.");
        output.put("handedOffAs", queuedAs);
        return output;
    }
}
