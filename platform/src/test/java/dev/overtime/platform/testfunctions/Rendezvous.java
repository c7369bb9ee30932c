package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Arrives in folder {@code dir} and returns only once {@code parties} invocations have arrived:
 * it can only succeed if that many invocations run at the same time.
 */
public class Rendezvous implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        try {
            Path dir = Path.of((String) input.get("dir"));
            int parties = ((Number) input.get("parties")).intValue();
            Files.writeString(dir.resolve(context.getAwsRequestId()), Long.toString(ProcessHandle.current().pid()));
            while (count(dir) < parties) {
                if (context.getRemainingTimeInMillis() < 500) {
                    throw new IllegalStateException("only " + count(dir) + " of " + parties + " arrived");
                }
                Thread.sleep(5);
            }
            return Map.of("pid", ProcessHandle.current().pid(), "thread", Thread.currentThread().getName());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
