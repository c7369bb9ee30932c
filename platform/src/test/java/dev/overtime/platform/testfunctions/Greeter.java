package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/** Greets by name and logs one line; reports its process id so tests can tell environments apart. */
public class Greeter implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Object name = input.getOrDefault("name", "world");
        context.getLogger().log("greeting " + name);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", "Hello, " + name + "!");
        out.put("requestId", context.getAwsRequestId());
        out.put("functionArn", context.getInvokedFunctionArn());
        out.put("pid", ProcessHandle.current().pid());
        out.put("remainingMillis", context.getRemainingTimeInMillis());
        return out;
    }
}
