package dev.overtime.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** Greets {@code input.name}, or the world. */
public class Hello implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Object name = input == null ? null : input.get("name");
        String who = name == null ? "world" : name.toString();
        context.getLogger().log("Hello invoked for " + who + " (request " + context.getAwsRequestId() + ")");
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("message", "Hello, " + who + "!");
        return output;
    }
}
