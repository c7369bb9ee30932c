package dev.overtime.platform.extensions;

import dev.overtime.platform.invocation.Json;

/** An event an extension receives from {@code GET /2020-01-01/extension/event/next}. */
public sealed interface ExtensionEvent {

    /** The event's JSON body, in AWS's field order. */
    String toJson();

    record Invoke(String requestId, long deadlineMs, String invokedFunctionArn, String traceId)
            implements ExtensionEvent {
        @Override
        public String toJson() {
            String tracing = traceId == null ? ""
                    : ",\"tracing\":{\"type\":\"X-Amzn-Trace-Id\",\"value\":" + Json.quote(traceId) + "}";
            return "{\"eventType\":\"INVOKE\",\"deadlineMs\":" + deadlineMs + ",\"requestId\":" + Json.quote(requestId)
                    + ",\"invokedFunctionArn\":" + Json.quote(invokedFunctionArn) + tracing + "}";
        }
    }

    /** {@code reason} is AWS's lower-case {@code spindown}, {@code timeout} or {@code failure}. */
    record Shutdown(String reason, long deadlineMs) implements ExtensionEvent {
        @Override
        public String toJson() {
            return "{\"eventType\":\"SHUTDOWN\",\"shutdownReason\":" + Json.quote(reason) + ",\"deadlineMs\":"
                    + deadlineMs + "}";
        }
    }
}
