package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.List;
import java.util.Map;

/** Answers a Function URL request in the full response form, echoing what the event carried. */
public class UrlEcho implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> http = (Map<String, Object>) ((Map<String, Object>) event.get("requestContext")).get("http");
        String summary = event.get("version") + " " + http.get("method") + " " + event.get("rawPath") + "?"
                + event.get("rawQueryString") + " q=" + event.get("queryStringParameters") + " body=" + event.get("body")
                + " cookies=" + event.get("cookies");
        return Map.of("statusCode", 201, "headers", Map.of("x-echo", "yes", "content-type", "text/plain"),
                "cookies", List.of("a=1", "b=2"), "body", summary);
    }
}
