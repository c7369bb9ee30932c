package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import dev.overtime.lambda.ResponseStream;
import dev.overtime.lambda.StreamingHandler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Streams an HTTP-integration response: status 202, a header and a cookie in the prelude, then a
 * first chunk, and the second only once the file named by the query parameter {@code gate} exists.
 */
public class UrlStreamer implements StreamingHandler<Map<String, Object>> {
    @Override
    @SuppressWarnings("unchecked")
    public void handleRequest(Map<String, Object> event, ResponseStream response, Context context) throws Exception {
        Path gate = Path.of((String) ((Map<String, Object>) event.get("queryStringParameters")).get("gate"));
        response.setStatusCode(202);
        response.setHeader("content-type", "text/event-stream");
        response.setHeader("x-stream", "1");
        response.addCookie("session=abc");
        response.write("data: first\n\n");
        while (!Files.exists(gate)) {
            if (context.getRemainingTimeInMillis() < 200) {
                throw new IllegalStateException("the first chunk never reached the caller");
            }
            Thread.sleep(2);
        }
        response.write("data: second\n\n");
    }
}
