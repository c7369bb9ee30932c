package dev.overtime.platform.appsync.realtime;

import org.eclipse.jetty.util.thread.Scheduler;

import java.time.Duration;

/** Sends a keep-alive frame at a fixed interval on the server's scheduler (no thread per connection). */
final class KeepAlive {

    private final Scheduler scheduler;
    private final Duration interval;
    private final Outbound out;
    private final String frame;
    private Scheduler.Task next;
    private boolean stopped;

    KeepAlive(Scheduler scheduler, Duration interval, Outbound out, String frame) {
        this.scheduler = scheduler;
        this.interval = interval;
        this.out = out;
        this.frame = frame;
    }

    synchronized void start() {
        if (!stopped) {
            next = scheduler.schedule(this::beat, interval);
        }
    }

    synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel();
        }
    }

    private void beat() {
        synchronized (this) {
            if (stopped) {
                return;
            }
        }
        out.send(frame);
        start();
    }
}
