package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.overtime.lambda.InternalExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Like {@link AfterResponseWriter}, but the slow part is done by an internal extension registered
 * in the static initializer: it records {@code <dir>/<name>.started}, answers at once, and queues
 * {@code workMillis} of work after which the extension records {@code <dir>/<name>.worked}.
 */
public class ExtensionWorkWriter implements RequestHandler<Map<String, Object>, String> {

    private static final Queue<Map<String, Object>> WORK = new ConcurrentLinkedQueue<>();

    static {
        InternalExtension.register("work-writer", (requestId, deadlineMs) -> {
            for (Map<String, Object> item; (item = WORK.poll()) != null; ) {
                Thread.sleep(((Number) item.get("workMillis")).longValue());
                write(Path.of((String) item.get("dir")).resolve(item.get("name") + ".worked"));
            }
        });
    }

    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        if (input.get("dir") == null) {
            return "warm";
        }
        write(Path.of((String) input.get("dir")).resolve(input.get("name") + ".started"));
        WORK.add(input);
        return "answered " + input.get("name");
    }

    private static void write(Path file) {
        try {
            Files.writeString(file, Long.toString(System.currentTimeMillis()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
