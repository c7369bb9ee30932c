package dev.overtime.platform.async;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The invocation record AWS sends to an OnSuccess or OnFailure destination:
 * <pre>
 * {"version":"1.0","timestamp":"2019-11-14T18:16:05.568Z",
 *  "requestContext":{"requestId":…,"functionArn":"…:function:f:$LATEST","condition":"Success","approximateInvokeCount":1},
 *  "requestPayload":{…},
 *  "responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},
 *  "responsePayload":{…}}
 * </pre>
 * {@code functionArn} is the ARN the event was invoked with, qualified ({@code :$LATEST} when the
 * caller named no qualifier), and {@code executedVersion} the version its last attempt ran: an alias's
 * events say which version served them. {@code functionError} appears only when the last attempt
 * failed; an event that expired before any attempt has no response context or payload. When the last
 * attempt ran nothing because the event's alias or version had been deleted, the response context
 * has {@code statusCode} 404 and no {@code executedVersion}, and the payload is the
 * {@code ResourceNotFoundException} error.
 */
final class DestinationRecord {

    static final String SUCCESS = "Success";

    private final JsonFactory factory;

    DestinationRecord(JsonFactory factory) {
        this.factory = factory;
    }

    /**
     * @param functionArn     the invoked ARN with its qualifier, e.g. {@code …:function:f:live}
     * @param lastResponse    what the last attempt returned, or {@code null} when none reached the function
     * @param failed          whether the last attempt was a function error
     * @param executedVersion the version the last attempt ran, or {@code null} when it ran none
     */
    byte[] build(QueuedEvent event, String functionArn, String condition, int invokeCount, byte[] lastResponse,
                 boolean failed, String executedVersion, Instant now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + event.payload().length
                + (lastResponse == null ? 0 : lastResponse.length));
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("version", "1.0");
            g.writeStringField("timestamp", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.MILLIS)));
            g.writeObjectFieldStart("requestContext");
            g.writeStringField("requestId", event.id());
            g.writeStringField("functionArn", functionArn);
            g.writeStringField("condition", condition);
            g.writeNumberField("approximateInvokeCount", invokeCount);
            g.writeEndObject();
            g.writeFieldName("requestPayload");
            g.writeRawValue(event.payloadText());
            if (lastResponse != null) {
                g.writeObjectFieldStart("responseContext");
                if (executedVersion == null) {
                    g.writeNumberField("statusCode", 404);
                } else {
                    g.writeNumberField("statusCode", 200);
                    g.writeStringField("executedVersion", executedVersion);
                    if (failed) {
                        g.writeStringField("functionError", "Unhandled");
                    }
                }
                g.writeEndObject();
                g.writeFieldName("responsePayload");
                writePayload(g, lastResponse);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JSON response is embedded as it is; anything else (text, bytes) as a JSON string, as AWS does. */
    private void writePayload(JsonGenerator g, byte[] response) throws IOException {
        if (response.length == 0) {
            g.writeNull();
        } else if (isJson(response)) {
            g.writeRawValue(new String(response, StandardCharsets.UTF_8));
        } else {
            g.writeString(new String(response, StandardCharsets.UTF_8));
        }
    }

    private boolean isJson(byte[] bytes) {
        try (JsonParser parser = factory.createParser(bytes)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

}
