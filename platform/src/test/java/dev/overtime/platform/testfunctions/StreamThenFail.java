package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import dev.overtime.lambda.ResponseStream;
import dev.overtime.lambda.StreamingHandler;

import java.util.Map;

/** Streams part of a response, then fails: the error must travel in the HTTP trailers. */
public class StreamThenFail implements StreamingHandler<Map<String, Object>> {
    @Override
    public void handleRequest(Map<String, Object> input, ResponseStream response, Context context) throws Exception {
        response.setContentType("text/plain");
        response.write("partial output\n");
        throw new IllegalStateException("failed after " + input.get("after"));
    }
}
