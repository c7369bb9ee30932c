package dev.overtime.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Always throws, to show how a function error reaches the caller. */
public class Fail implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        throw new IllegalStateException("boom: " + input);
    }
}
