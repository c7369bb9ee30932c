package dev.overtime.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.overtime.lambda.InternalExtension;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Answers at once and leaves the slow part to an internal extension, which Lambda lets finish
 * before the environment takes its next event. The extension registers in the static initializer
 * because Lambda accepts registrations only during init.
 */
public class ExtensionWork implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Queue<String> SLOW_PARTS = new ConcurrentLinkedQueue<>();

    static {
        InternalExtension.register("slow-parts", (requestId, deadlineMs) -> {
            for (String part; (part = SLOW_PARTS.poll()) != null; ) {
                Thread.sleep(1000);
                System.out.println("Extension finished the slow part of " + part);
            }
        });
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        SLOW_PARTS.add(context.getAwsRequestId());
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("message", "Answered; an internal extension does the slow part after this response.");
        return output;
    }
}
