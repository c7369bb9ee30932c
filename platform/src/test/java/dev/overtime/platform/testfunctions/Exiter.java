package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Kills its own process with the exit status it is given. */
public class Exiter implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        Runtime.getRuntime().halt(((Number) input.getOrDefault("status", 3)).intValue());
        return "unreachable";
    }
}
