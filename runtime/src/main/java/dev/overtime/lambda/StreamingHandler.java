package dev.overtime.lambda;

import com.amazonaws.services.lambda.runtime.Context;

/**
 * A handler that streams its response: every {@link ResponseStream#write(byte[]) write} reaches the
 * caller as it happens, instead of one body after the handler returns.
 *
 * <p>The input {@code I} is converted from the event JSON exactly as for a
 * {@link com.amazonaws.services.lambda.runtime.RequestHandler RequestHandler} input (a POJO,
 * {@code Map<String, Object>}, {@code String}, ...); {@code I = java.io.InputStream} hands over the
 * raw event bytes. Name the class (no {@code ::method}) as the function's handler.
 *
 * <pre>{@code
 * public class Countdown implements StreamingHandler<Map<String, Object>> {
 *     public void handleRequest(Map<String, Object> event, ResponseStream response, Context context)
 *             throws Exception {
 *         response.setContentType("text/plain");
 *         for (String line : List.of("3\n", "2\n", "1\n", "liftoff\n")) {
 *             response.write(line);      // on the wire now
 *             Thread.sleep(500);
 *         }
 *     }                                  // returning closes the response
 * }
 * }</pre>
 *
 * <p>The response ends when the handler calls {@link ResponseStream#close()}, calls
 * {@link ResponseStream#fail(Throwable)}, or returns (the runtime then closes it). The handler may
 * keep working after {@code close()}: the environment takes no new event until it returns. An
 * exception thrown before anything was written is reported as a function error, as for other
 * handlers; one thrown after the first write ends the response with error trailers; one thrown
 * after {@code close()} is only logged.
 *
 * <p>On AWS this is response streaming (a Function URL in {@code RESPONSE_STREAM} invoke mode, or
 * {@code InvokeWithResponseStream}); the handler's class needs the Overtime runtime, which speaks the
 * streaming Runtime API protocol, as its runtime.
 *
 * @param <I> the event type
 */
@FunctionalInterface
public interface StreamingHandler<I> {

    /**
     * Handles one event, writing the response to {@code response}.
     *
     * @param input the event, converted to {@code I}
     * @param response the response, streamed to the caller as it is written
     * @param context the invocation's context
     * @throws Exception anything; see the class documentation for how it is reported
     */
    void handleRequest(I input, ResponseStream response, Context context) throws Exception;
}
