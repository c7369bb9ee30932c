package dev.overtime.webadapter;

import java.io.IOException;

/**
 * The adapter's registration as an external extension, as LWA does it: name
 * {@value #NAME}, no events. Registering tells Lambda to wait for this process before init ends;
 * the one {@code GET /event/next} that follows says "ready" and then parks for the environment's
 * life (with no events subscribed, it returns only if the environment shuts down).
 */
final class Extension {

    static final String NAME = "lambda-adapter";
    private static final String BASE = "/2020-01-01/extension/";

    private Extension() {
    }

    /** Registers and returns the extension id; throws if the Extensions API refuses. */
    static String register(String runtimeApi) throws IOException {
        byte[] body = "{\"events\":[]}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (Http1Connection http = Http1Connection.to(runtimeApi)) {
            Http1Connection.Head h = new Http1Connection.Head("POST", BASE + "register")
                    .header("Host", runtimeApi)
                    .header("Lambda-Extension-Name", NAME)
                    .header("Content-Type", "application/json")
                    .end(body.length);
            Http1Connection.Response r = http.send(h, body, 0, body.length, null, 10_000);
            r.readBody();
            String id = r.header("Lambda-Extension-Identifier");
            if (r.status != 200 || id == null) {
                throw new IOException("extension registration answered " + r.status);
            }
            return id;
        }
    }

    /**
     * Parks on {@code GET /event/next} on a daemon thread, which tells the platform the extension
     * has finished its init. The answer, if any (SHUTDOWN), is ignored: the platform ends the process.
     */
    static void parkOnNext(String runtimeApi, String id) {
        Thread t = new Thread(() -> {
            try (Http1Connection http = Http1Connection.to(runtimeApi)) {
                Http1Connection.Head h = new Http1Connection.Head("GET", BASE + "event/next")
                        .header("Host", runtimeApi)
                        .header("Lambda-Extension-Identifier", id)
                        .end(-1);
                http.send(h, null, 0, 0, null, 0).readBody();
            } catch (IOException e) {
                Log.debug("extension event/next ended: " + e);
            }
        }, "lambda-adapter-extension");
        t.setDaemon(true);
        t.start();
    }
}
