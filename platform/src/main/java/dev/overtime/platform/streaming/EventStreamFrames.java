package dev.overtime.platform.streaming;

import dev.overtime.platform.invocation.Json;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two events of InvokeWithResponseStream, framed with AWS's event-stream library
 * ({@code vnd.amazon.eventstream}: prelude, headers, payload, CRC32s).
 */
public final class EventStreamFrames {
    private EventStreamFrames() {
    }

    /** A {@code PayloadChunk} event carrying the runtime's bytes as they are, prelude included. */
    public static ByteBuffer payloadChunk(ByteBuffer bytes) {
        byte[] payload;
        if (bytes.hasArray() && bytes.arrayOffset() == 0 && bytes.position() == 0 && bytes.remaining() == bytes.array().length) {
            payload = bytes.array(); // already a private copy (StreamedBodyReader makes one per chunk)
        } else {
            payload = new byte[bytes.remaining()];
            bytes.get(payload);
        }
        return event("PayloadChunk", "application/octet-stream", payload);
    }

    /** The terminal {@code InvokeComplete} event; every argument may be null. */
    public static ByteBuffer invokeComplete(String errorCode, String errorDetails, String logResult) {
        StringBuilder json = new StringBuilder("{");
        append(json, "ErrorCode", errorCode);
        append(json, "ErrorDetails", errorDetails);
        append(json, "LogResult", logResult);
        json.append('}');
        return event("InvokeComplete", "application/json", json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void append(StringBuilder json, String name, String value) {
        if (value == null) {
            return;
        }
        if (json.length() > 1) {
            json.append(',');
        }
        json.append(Json.quote(name)).append(':').append(Json.quote(value));
    }

    private static ByteBuffer event(String type, String contentType, byte[] payload) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString(contentType));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return new Message(headers, payload).toByteBuffer();
    }
}
