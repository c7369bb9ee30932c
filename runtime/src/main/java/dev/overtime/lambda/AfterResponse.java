package dev.overtime.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.overtime.runtime.RuntimeServices;
import java.util.Objects;

/**
 * Work that runs after the invocation's response has been sent, before the environment takes its
 * next event. For any handler of this runtime: {@code RequestHandler}, {@code RequestStreamHandler},
 * a handler method, or a {@link StreamingHandler} (its work runs once the stream has ended).
 *
 * <pre>{@code
 * public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
 *     AfterResponse.run(context, () -> audit.write(event));   // runs once the caller has the answer
 *     return Map.of("ok", true);
 * }
 * }</pre>
 *
 * <p>The runtime posts the response, runs the scheduled work in the order it was scheduled, then
 * asks the platform for the next event. Lambda (Overtime and AWS alike) freezes an environment only
 * once it asks, so the work really runs; it counts towards the function's timeout and its duration.
 * Work may schedule more work. An exception thrown by one piece of work is logged to stderr with the
 * request id and the next piece runs; the response already sent never changes. Work still running at
 * the function's deadline is abandoned: the platform ends the environment with "Task timed out".
 * Nothing is retried; hand work that must not be lost to another function with {@link AsyncHandoff}.
 *
 * <p>Work also runs when the handler failed, after the error was reported, unless the JVM itself
 * failed (an {@code Error} such as {@code OutOfMemoryError}): then the runtime exits.
 */
public final class AfterResponse {

    /** A piece of after-response work. Unlike {@link Runnable}, it may throw. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private AfterResponse() {
    }

    /**
     * Schedules {@code work} to run after the response of the invocation {@code context} belongs to.
     *
     * @param context the invocation's context, as the handler received it (a wrapper whose
     *                {@code getAwsRequestId()} returns the same id does too)
     * @throws IllegalStateException if that invocation is not running in this runtime: called outside
     *         a handler, after its invocation (and its after-response work) ended, or under another runtime
     */
    public static void run(Context context, Work work) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(work, "work");
        RuntimeServices.scheduleAfterResponse(context.getAwsRequestId(), work);
    }
}
