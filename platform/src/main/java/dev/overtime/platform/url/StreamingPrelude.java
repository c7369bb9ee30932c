package dev.overtime.platform.url;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Incrementally parses the prelude of a streamed response whose content type is
 * {@value #HTTP_INTEGRATION_CONTENT_TYPE}: a JSON object, then 8 NUL bytes, then the body.
 *
 * <p>Feed chunks in arrival order. Until the prelude and its 8 NULs are complete, chunks are
 * buffered and {@link #feed} returns an empty buffer; the chunk that completes it yields the body
 * bytes that followed in that same chunk; every later chunk is returned untouched. Not thread-safe:
 * one instance per response.
 */
public final class StreamingPrelude {

    public static final String HTTP_INTEGRATION_CONTENT_TYPE = "application/vnd.awslambda.http-integration-response";

    /** The largest prelude accepted, not counting its 8 NULs. */
    public static final int MAX_PRELUDE_BYTES = 64 * 1024;

    static final int DELIMITER_LENGTH = 8;

    private static final ObjectReader JSON = new ObjectMapper()
            .readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final ByteArrayOutputStream buffered = new ByteArrayOutputStream();
    private int nulRun;
    private Prelude prelude;

    /** Whether a streamed response with this content type carries a prelude. */
    public static boolean hasPrelude(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals(HTTP_INTEGRATION_CONTENT_TYPE);
    }

    /**
     * The prelude for a streamed response without one: 200 with the stream's own content type,
     * {@code application/octet-stream} when it has none.
     */
    public static Prelude passThrough(String contentType) {
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        return new Prelude(200, List.of(Map.entry("content-type", type)), List.of());
    }

    /**
     * Consumes one chunk.
     *
     * @return the body bytes in this chunk: empty while the prelude is incomplete, the bytes after
     *         the NULs for the completing chunk, the chunk itself afterwards
     * @throws InvalidPreludeException if the prelude exceeds {@link #MAX_PRELUDE_BYTES} or is not a JSON object
     */
    public ByteBuffer feed(ByteBuffer chunk) {
        if (prelude != null) {
            return chunk;
        }
        while (chunk.hasRemaining()) {
            byte b = chunk.get();
            buffered.write(b);
            // JSON text cannot hold a raw NUL, so the first run of 8 is the delimiter.
            nulRun = b == 0 ? nulRun + 1 : 0;
            if (nulRun == DELIMITER_LENGTH) {
                prelude = parse(buffered.toByteArray(), buffered.size() - DELIMITER_LENGTH);
                buffered.reset();
                return chunk.slice();
            }
            if (buffered.size() - nulRun > MAX_PRELUDE_BYTES) {
                throw new InvalidPreludeException("streamed response prelude exceeds " + MAX_PRELUDE_BYTES + " bytes");
            }
        }
        return EMPTY;
    }

    /** The prelude, once the chunk completing it has been fed. */
    public Optional<Prelude> prelude() {
        return Optional.ofNullable(prelude);
    }

    /**
     * Declares the stream ended.
     *
     * @return the prelude
     * @throws InvalidPreludeException if the stream ended before the prelude was complete
     */
    public Prelude finish() {
        if (prelude == null) {
            throw new InvalidPreludeException("stream ended before the prelude's 8 NUL delimiter");
        }
        return prelude;
    }

    private static Prelude parse(byte[] bytes, int length) {
        JsonNode json;
        try {
            json = JSON.readValue(bytes, 0, length);
        } catch (IOException e) {
            throw new InvalidPreludeException("streamed response prelude is not valid JSON", e);
        }
        if (json == null || !json.isObject()) {
            throw new InvalidPreludeException("streamed response prelude is not a JSON object");
        }
        JsonNode status = json.path("statusCode");
        int statusCode = 200;
        if (!status.isMissingNode() && !status.isNull()) {
            if (!status.isIntegralNumber() || status.intValue() < 100 || status.intValue() > 599) {
                throw new InvalidPreludeException("streamed response prelude has an invalid statusCode: " + status);
            }
            statusCode = status.intValue();
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, JsonNode> h : json.path("headers").properties()) {
            if (!h.getValue().isValueNode() || h.getValue().isNull()) {
                throw new InvalidPreludeException("streamed response prelude header " + h.getKey() + " is not a string");
            }
            headers.add(Map.entry(h.getKey(), h.getValue().asText()));
        }
        List<String> cookies = new ArrayList<>();
        for (JsonNode cookie : json.path("cookies")) {
            cookies.add(cookie.asText());
        }
        return new Prelude(statusCode, headers, cookies);
    }
}
