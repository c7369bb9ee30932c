package dev.overtime.platform.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts a background thread that ticks every 10 ms and answers how far it got: on AWS the thread
 * is frozen between invocations, so the count barely moves while nobody invokes. With
 * {@code {"sleepMillis": N}} it sleeps before answering, to run into the timeout.
 */
public class BackgroundTicker implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final AtomicLong TICKS = new AtomicLong();

    static {
        Thread ticker = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
                TICKS.incrementAndGet();
            }
        }, "ticker");
        ticker.setDaemon(true);
        ticker.start();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        if (input != null && input.get("sleepMillis") instanceof Number millis) {
            try {
                Thread.sleep(millis.longValue());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ticks", TICKS.get());
        out.put("pid", ProcessHandle.current().pid());
        return out;
    }
}
