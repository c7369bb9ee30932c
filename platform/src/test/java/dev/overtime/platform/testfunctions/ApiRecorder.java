package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Behind an API: records each event it gets in {@code $RECORD_DIR/<request id>.json}, then answers
 * with the event, as a proxy response ({@code statusCode 200}, the event as the body) when
 * {@code PROXY=true}, else as it is. An event holding {@code "fail"} throws
 * {@code IllegalStateException("Malformed order")}.
 */
public class ApiRecorder implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        String text = new String(event, StandardCharsets.UTF_8);
        Path dir = Path.of(System.getenv("RECORD_DIR"));
        Path tmp = dir.resolve(context.getAwsRequestId() + ".tmp");
        Files.write(tmp, event);
        Files.move(tmp, dir.resolve(context.getAwsRequestId() + ".json"));
        if (text.contains("\"fail\"")) {
            throw new IllegalStateException("Malformed order");
        }
        if ("true".equals(System.getenv("PROXY"))) {
            String body = "{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\",\"x-recorded\":\"yes\"},"
                    + "\"body\":\"" + escape(text) + "\"}";
            output.write(body.getBytes(StandardCharsets.UTF_8));
        } else {
            output.write(event);
        }
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
