package dev.overtime.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The slow side of an integration: eight calls to other systems in a row, about a second each
 * ({@code STEP_MILLIS} per step, 1000 by default), then a summary. Behind an API it is what a
 * caller either waits 8 s for, or hands off with {@code X-Amz-Invocation-Type: Event} and gets
 * answered at once.
 */
public class SlowIntegration implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final int STEPS = 8;

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        long stepMillis = Long.parseLong(System.getenv().getOrDefault("STEP_MILLIS", "1000"));
        Object meta = input == null ? null : input.get("meta");
        Object clientRequestId = meta instanceof Map<?, ?> m ? m.get("clientRequestId") : null;
        long started = System.nanoTime();
        for (int step = 1; step <= STEPS; step++) {
            try {
                Thread.sleep(stepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at step " + step, e);
            }
            context.getLogger().log("step " + step + " of " + STEPS + " done for " + clientRequestId);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("clientRequestId", clientRequestId);
        output.put("steps", STEPS);
        output.put("tookMillis", (System.nanoTime() - started) / 1_000_000);
        return output;
    }
}
