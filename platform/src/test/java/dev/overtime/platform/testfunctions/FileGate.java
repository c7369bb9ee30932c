package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Creates {@code started} and then waits until the file {@code gate} exists (or until it has
 * waited {@code waitMillis}), so a test controls exactly how long an invocation stays in flight.
 * With {@code waitMillis} it is also a plain slow function.
 */
public class FileGate implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        try {
            if (input.get("started") != null) {
                Files.writeString(Path.of((String) input.get("started")), context.getAwsRequestId());
            }
            long until = System.currentTimeMillis() + ((Number) input.getOrDefault("waitMillis", 30_000)).longValue();
            Path gate = input.get("gate") == null ? null : Path.of((String) input.get("gate"));
            while (System.currentTimeMillis() < until && (gate == null || !Files.exists(gate))) {
                Thread.sleep(5);
            }
            return Map.of("pid", ProcessHandle.current().pid(), "requestId", context.getAwsRequestId());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
