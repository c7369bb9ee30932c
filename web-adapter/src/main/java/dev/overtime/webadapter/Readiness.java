package dev.overtime.webadapter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The readiness check, as LWA runs it: every 10 ms, a {@code GET} of the readiness path whose
 * status must be in the healthy set (http), or a successful connect (tcp), with a log line every
 * 2 s while the app is not ready.
 */
final class Readiness {

    private static final long INTERVAL_MILLIS = 10;
    private static final long LOG_EVERY_MILLIS = 2000;

    private final AdapterConfig config;

    Readiness(AdapterConfig config) {
        this.config = config;
    }

    /**
     * Checks until the app is ready or {@code budgetMillis} (0 for no limit) has passed.
     *
     * @return whether the app is ready
     */
    boolean await(long budgetMillis) throws InterruptedException {
        long start = System.nanoTime();
        long nextLog = LOG_EVERY_MILLIS;
        while (true) {
            if (checkOnce()) {
                return true;
            }
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (budgetMillis > 0 && elapsed >= budgetMillis) {
                return false;
            }
            if (elapsed >= nextLog) {
                Log.info("app is not ready after " + nextLog + "ms url=" + describe());
                nextLog += LOG_EVERY_MILLIS;
            }
            Thread.sleep(INTERVAL_MILLIS);
        }
    }

    /** One check. */
    boolean checkOnce() {
        if (config.readinessTcp()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(config.host(), config.readinessPort()), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        try (Http1Connection http = new Http1Connection(config.host(), config.readinessPort(), 1000)) {
            Http1Connection.Head h = new Http1Connection.Head("GET", config.readinessPath())
                    .header("Host", config.host() + ":" + config.readinessPort())
                    .header("User-Agent", "overtime-web-adapter")
                    .end(-1);
            Http1Connection.Response r = http.send(h, null, 0, 0, null, 2000);
            return config.healthyStatus().get(r.status);
        } catch (IOException e) {
            return false;
        }
    }

    private String describe() {
        return (config.readinessTcp() ? "tcp://" : "http://") + config.host() + ":" + config.readinessPort()
                + (config.readinessTcp() ? "" : config.readinessPath());
    }
}
