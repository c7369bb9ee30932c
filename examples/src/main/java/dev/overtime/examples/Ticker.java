package dev.overtime.examples;

import com.amazonaws.services.lambda.runtime.Context;
import dev.overtime.lambda.ResponseStream;
import dev.overtime.lambda.StreamingHandler;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Streams what the streaming benchmark measures. With {@code bytes} it writes that many bytes in
 * 64 KiB chunks as fast as it can (throughput); otherwise it writes {@code count} ticks, each the
 * writer's {@code System.nanoTime()} as text, {@code pauseMicros} apart (time to first byte: on
 * Linux that clock is shared by every process on the machine).
 */
public class Ticker implements StreamingHandler<Map<String, Object>> {

    @Override
    @SuppressWarnings("unchecked")
    public void handleRequest(Map<String, Object> event, ResponseStream response, Context context) throws Exception {
        // Called through a Function URL, the settings come as query parameters.
        Map<String, Object> input = event.get("queryStringParameters") instanceof Map<?, ?> query
                ? (Map<String, Object>) query : event;
        long bytes = number(input, "bytes", 0);
        if (bytes > 0) {
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            for (long sent = 0; sent < bytes; sent += chunk.length) {
                response.write(chunk, 0, (int) Math.min(chunk.length, bytes - sent));
            }
            return;
        }
        long count = number(input, "count", 10);
        long pause = number(input, "pauseMicros", 1000) * 1000;
        for (int i = 0; i < count; i++) {
            response.write(System.nanoTime() + "\n");
            LockSupport.parkNanos(pause);
        }
    }

    private static long number(Map<String, Object> input, String key, long fallback) {
        Object value = input.get(key);
        return value == null ? fallback : Long.parseLong(String.valueOf(value));
    }
}
