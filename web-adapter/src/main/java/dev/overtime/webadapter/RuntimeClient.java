package dev.overtime.webadapter;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * What an invoke loop needs from Lambda: the Runtime API's calls, each "then next" pair as one
 * step so that an implementation can send both in one write. {@link RuntimeApi} speaks them over
 * HTTP; a platform that hosts the adapter itself may answer them directly. One per invoke loop.
 */
public interface RuntimeClient extends Closeable {

    /** The {@code Content-Type} of a streamed response: the HTTP-integration prelude, then the body. */
    String STREAMING_CONTENT_TYPE = "application/vnd.awslambda.http-integration-response";
    /** The header (and trailer) that names a function error. */
    String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";
    /** The trailer that carries a streamed response's error, base64 JSON. */
    String ERROR_BODY_TRAILER = "Lambda-Runtime-Function-Error-Body";

    /** Blocks until the next event. */
    RuntimeEvent next() throws IOException;

    /** Answers {@code requestId} with a buffered JSON response, then blocks until the next event. */
    RuntimeEvent respondThenNext(String requestId, byte[] body) throws IOException;

    /** Fails {@code requestId} with {@code errorType}. */
    void error(String requestId, String errorType, String message) throws IOException;

    /**
     * Starts a streamed response ({@link #STREAMING_CONTENT_TYPE}). What is written is held until
     * {@code flush()}, which the loop calls whenever its next read from the app might wait.
     */
    OutputStream startStream(String requestId) throws IOException;

    /**
     * Ends a streamed response, with error trailers when {@code trailers} (alternating names and
     * values) names them, then blocks until the next event.
     */
    RuntimeEvent finishStreamThenNext(String requestId, OutputStream stream, String... trailers) throws IOException;

    @Override
    void close();

    /** The JSON body of an error: {@code {"errorType":..., "errorMessage":...}}. */
    static byte[] errorBody(String errorType, String message) {
        StringBuilder sb = new StringBuilder("{\"errorType\":");
        Json.quote(sb, errorType).append(",\"errorMessage\":");
        Json.quote(sb, message == null ? "" : message).append('}');
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
