package dev.overtime.runtime;

import dev.overtime.lambda.InternalExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The Extensions API client behind {@link InternalExtension}: registers during init, then one
 * daemon thread per extension loops on {@code event/next}.
 */
final class InternalExtensions {

    private static final String BASE = "/2020-01-01/extension/";
    private static final byte[] INVOKE_ONLY = "{\"events\":[\"INVOKE\"]}".getBytes(StandardCharsets.UTF_8);

    private static volatile String runtimeApi;
    private static volatile boolean registrationClosed;

    private InternalExtensions() {
    }

    /** The runtime starts its init: extensions may register with the API at {@code address}. */
    static void openRegistration(String address) {
        runtimeApi = address;
        registrationClosed = false;
    }

    /** The runtime is about to ask for its first event, after which Lambda refuses registrations. */
    static void closeRegistration() {
        registrationClosed = true;
    }

    static void register(String name, InternalExtension.Listener listener) {
        String address = runtimeApi;
        if (address == null) {
            throw new IllegalStateException("InternalExtension needs the Overtime runtime (dev.overtime.runtime.Main),"
                    + " which has not started in this JVM");
        }
        if (registrationClosed) {
            throw tooLate(name, "the runtime has already asked for its first event");
        }
        HttpConnection http = new HttpConnection(address);
        String id;
        try {
            HttpConnection.Response r = http.send("POST", BASE + "register",
                    new String[] {"Lambda-Extension-Name", name, "Content-Type", "application/json"},
                    INVOKE_ONLY, 0, INVOKE_ONLY.length);
            if (r.status == 403 && r.bodyText().contains("RegistrationClosed")) {
                http.close();
                throw tooLate(name, "the platform answered " + r.bodyText());
            }
            id = r.header("Lambda-Extension-Identifier");
            if (r.status != 200 || id == null) {
                http.close();
                throw new IllegalStateException("The Extensions API refused internal extension " + name
                        + ": HTTP " + r.status + " " + r.bodyText());
            }
        } catch (IOException e) {
            http.close();
            throw new UncheckedIOException("Cannot register internal extension " + name, e);
        }
        ResponsesSent.watch();
        Thread loop = new Thread(() -> serve(http, id, name, listener), "internal-extension-" + name);
        loop.setDaemon(true);
        loop.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> listener.onShutdown("shutdown"),
                "internal-extension-" + name + "-shutdown"));
    }

    private static IllegalStateException tooLate(String name, String why) {
        return new IllegalStateException("Internal extension " + name + " registered too late: " + why
                + ". Register during init, from the handler class's static initializer or constructor.");
    }

    private static void serve(HttpConnection http, String id, String name, InternalExtension.Listener listener) {
        String[] headers = {"Lambda-Extension-Identifier", id};
        try {
            while (true) {
                HttpConnection.Response r = http.send("GET", BASE + "event/next", headers, null, 0, 0);
                if (r.status != 200) {
                    System.err.println("overtime-runtime: internal extension " + name + " stops: event/next answered "
                            + r.status + " " + r.bodyText());
                    return;
                }
                Object event = Json.parse(r.bodyText());
                if (event instanceof Map && "INVOKE".equals(((Map<?, ?>) event).get("eventType"))) {
                    onInvoke(name, listener, (Map<?, ?>) event);
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("overtime-runtime: internal extension " + name + " lost the Extensions API: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            http.close();
            ResponsesSent.unwatch();
        }
    }

    private static void onInvoke(String name, InternalExtension.Listener listener, Map<?, ?> event)
            throws InterruptedException {
        String requestId = String.valueOf(event.get("requestId"));
        Object deadline = event.get("deadlineMs");
        long deadlineMs = deadline instanceof Number ? ((Number) deadline).longValue() : Long.MAX_VALUE;
        // INVOKE arrives when the invocation starts; the work is meant for after its response.
        ResponsesSent.await(requestId, deadlineMs);
        try {
            listener.onInvoke(requestId, deadlineMs);
        } catch (Exception | LinkageError e) {
            System.err.println(Instant.now() + "\t" + requestId + "\tERROR\tInternal extension " + name
                    + " failed; the response already sent stands");
            e.printStackTrace();
        }
    }
}
