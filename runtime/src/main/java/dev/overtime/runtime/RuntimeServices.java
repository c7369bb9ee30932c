package dev.overtime.runtime;

import dev.overtime.lambda.AfterResponse;
import dev.overtime.lambda.InternalExtension;

/**
 * What the handler API in {@code dev.overtime.lambda} needs from the runtime's internals. Public
 * only because Java has no narrower visibility across packages; not an API of its own.
 */
public final class RuntimeServices {

    private RuntimeServices() {
    }

    /** @see AfterResponse#run */
    public static void scheduleAfterResponse(String requestId, AfterResponse.Work work) {
        AfterResponseWork.forRequest(requestId).add(work);
    }

    /**
     * Posts an asynchronous ({@code Event}) invoke to the Lambda API at {@code endpoint}.
     *
     * @return the request id the API assigned, or null if it sent none
     * @see dev.overtime.lambda.AsyncHandoff#invoke
     */
    public static String invokeEvent(String endpoint, String functionName, byte[] payload) {
        return EventInvoker.invoke(endpoint, functionName, payload);
    }

    /** @see InternalExtension#register */
    public static void registerInternalExtension(String name, InternalExtension.Listener listener) {
        InternalExtensions.register(name, listener);
    }

    /** @see dev.overtime.lambda.PlainJson#parse */
    public static Object parseJson(String text) {
        return Json.parse(text);
    }

    /** @see dev.overtime.lambda.PlainJson#write */
    public static String writeJson(Object value) {
        return Json.write(new StringBuilder(), value).toString();
    }
}
