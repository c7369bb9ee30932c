package dev.overtime.lambda;

import dev.overtime.runtime.RuntimeServices;
import java.util.Objects;

/**
 * An internal Lambda extension: a thread of this runtime registered over the Extensions API
 * (2020-01-01) for {@code INVOKE} events. The platform gives the environment no new event until
 * every extension has asked for its next one, so work done in {@link Listener#onInvoke} runs after
 * the caller has its response, but before the environment takes another event.
 *
 * <pre>{@code
 * public class Orders implements RequestHandler<Map<String, Object>, String> {
 *     private static final Queue<Map<String, Object>> RECEIPTS = new ConcurrentLinkedQueue<>();
 *     static {
 *         InternalExtension.register("receipts", (requestId, deadlineMs) -> {
 *             for (Map<String, Object> order; (order = RECEIPTS.poll()) != null; ) send(order);
 *         });
 *     }
 *     public String handleRequest(Map<String, Object> order, Context context) {
 *         RECEIPTS.add(order);
 *         return "accepted";
 *     }
 * }
 * }</pre>
 *
 * <p>Register during init only: from the handler class's static initializer or constructor. Once
 * the runtime has asked for its first event, Lambda closes registration.
 */
public final class InternalExtension {

    /** What the extension does. Called on the extension's own daemon thread, one call at a time. */
    public interface Listener {
        /**
         * Called once per invocation, after its response has been sent (or its error reported) and
         * its handler has returned. The environment takes no other event until this returns. The
         * function's timeout still applies: at {@code deadlineMs} Lambda ends the environment with
         * "Task timed out". An exception is logged and the extension goes on.
         *
         * @param deadlineMs the invocation's deadline, in epoch milliseconds
         */
        void onInvoke(String requestId, long deadlineMs) throws Exception;

        /**
         * Lambda sends internal extensions no SHUTDOWN event; this is called from a JVM shutdown
         * hook instead, when the environment stops the runtime (SIGTERM) or the runtime exits.
         * Lambda allows about 500 ms for it.
         *
         * @param reason always {@code "shutdown"}: the JVM cannot tell why it is stopping
         */
        default void onShutdown(String reason) {
        }
    }

    private InternalExtension() {
    }

    /**
     * Registers the extension for {@code INVOKE} events and starts its daemon thread.
     *
     * @param name the extension's name, as {@code Lambda-Extension-Name}
     * @throws IllegalStateException if called after init (the runtime already asked for an event),
     *         if the platform refused the registration, or outside this runtime
     * @throws java.io.UncheckedIOException if the Extensions API could not be reached
     */
    public static void register(String name, Listener listener) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listener, "listener");
        RuntimeServices.registerInternalExtension(name, listener);
    }
}
