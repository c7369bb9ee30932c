package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import dev.overtime.lambda.ResponseStream;
import dev.overtime.lambda.StreamingHandler;

import java.util.Arrays;
import java.util.Map;

/** Streams {@code kib} KiB in 8 KiB chunks. */
public class BigStream implements StreamingHandler<Map<String, Object>> {
    @Override
    public void handleRequest(Map<String, Object> input, ResponseStream response, Context context) throws Exception {
        byte[] chunk = new byte[8 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        int kib = ((Number) input.get("kib")).intValue();
        for (int written = 0; written < kib; written += 8) {
            response.write(chunk);
        }
    }
}
