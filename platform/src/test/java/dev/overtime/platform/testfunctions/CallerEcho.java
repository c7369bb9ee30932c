package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Answers a Function URL or HTTP API (payload 2.0) request with the event's {@code requestContext.authorizer} and body, as text. */
public class CallerEcho implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> requestContext = (Map<String, Object>) event.get("requestContext");
        return Map.of("statusCode", 200, "headers", Map.of("content-type", "text/plain"),
                "body", "authorizer=" + requestContext.get("authorizer") + " body=" + event.get("body"));
    }
}
