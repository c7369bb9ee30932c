package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A GraphQL data source for tests: answers with the event it got (a direct resolver's whole context), one
 * answer per item for a BatchInvoke, and fails when the arguments ask it to.
 */
public class ResolverEcho implements RequestHandler<Object, Object> {

    @Override
    public Object handleRequest(Object event, Context context) {
        if (event instanceof List<?> batch) {
            List<Object> answers = new ArrayList<>();
            for (Object item : batch) {
                answers.add(Map.of("batched", item, "batchSize", batch.size()));
            }
            return answers;
        }
        if (event instanceof Map<?, ?> map && map.get("arguments") instanceof Map<?, ?> arguments
                && Boolean.TRUE.equals(arguments.get("fail"))) {
            throw new IllegalStateException("asked to fail");
        }
        return event;
    }
}
