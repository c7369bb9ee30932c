package dev.overtime.platform.security.sigv4;

import dev.overtime.platform.security.AuthError;
import dev.overtime.platform.security.AuthFailure;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD} body ({@code Content-Encoding: aws-chunked}): chunks of
 * {@code <hex size>;chunk-signature=<sig>\r\n<data>\r\n}, ending with a zero-size chunk. Each chunk's
 * signature chains from the one before it, starting at the request's own (seed) signature.
 */
final class AwsChunkedPayload {

    static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    private static final String CHUNK_SIGNATURE = ";chunk-signature=";

    private AwsChunkedPayload() {
    }

    /** The decoded body, once every chunk signature has been checked. */
    static byte[] decode(byte[] encoded, SignatureParts parts, byte[] signingKey) throws AuthFailure {
        ByteArrayOutputStream body = new ByteArrayOutputStream(encoded.length);
        String previous = parts.signature();
        int at = 0;
        while (true) {
            int lineEnd = indexOfCrLf(encoded, at);
            if (lineEnd < 0) {
                throw malformed("a chunk header has no CRLF");
            }
            String header = new String(encoded, at, lineEnd - at, StandardCharsets.US_ASCII);
            int semicolon = header.indexOf(CHUNK_SIGNATURE);
            if (semicolon < 0) {
                throw malformed("a chunk header has no chunk-signature");
            }
            int size;
            try {
                size = Integer.parseInt(header.substring(0, semicolon), 16);
            } catch (NumberFormatException e) {
                throw malformed("a chunk size is not hexadecimal");
            }
            String signature = header.substring(semicolon + CHUNK_SIGNATURE.length()).trim();
            int dataStart = lineEnd + 2;
            if (size < 0 || dataStart + size + 2 > encoded.length) {
                throw malformed("a chunk is longer than the body");
            }
            byte[] data = Arrays.copyOfRange(encoded, dataStart, dataStart + size);
            String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + parts.amzDate() + "\n" + parts.scope() + "\n"
                    + previous + "\n" + Hashing.EMPTY_SHA256 + "\n" + Hashing.sha256Hex(data);
            String expected = Hashing.hex(Hashing.hmac(signingKey, stringToSign));
            if (!Hashing.sameSignature(expected, signature)) {
                throw new AuthFailure(AuthError.INVALID_SIGNATURE,
                        "The chunk signature we calculated does not match the signature you provided.");
            }
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(data, 0, size);
            previous = signature;
            at = dataStart + size + 2;
        }
    }

    private static int indexOfCrLf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static AuthFailure malformed(String why) {
        return new AuthFailure(AuthError.INVALID_SIGNATURE, "The aws-chunked body is malformed: " + why + ".");
    }
}
