package dev.overtime.platform.runtimeapi;

import dev.overtime.platform.invocation.FunctionErrors;
import dev.overtime.platform.invocation.InvocationOutcome;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The error form some runtimes (aws-lambda-rust-runtime) write as a final data chunk instead of
 * HTTP trailers: {@code Lambda-Runtime-Function-Error-Type: <type>\r\nLambda-Runtime-Function-Error-Body: <base64>\r\n}.
 * Such a chunk is never forwarded to the caller; it ends the stream with that error.
 */
final class InBandStreamError {
    private static final byte[] PREFIX = "Lambda-Runtime-Function-Error-Type:".getBytes(StandardCharsets.US_ASCII);
    private static final String BODY = "Lambda-Runtime-Function-Error-Body:";

    private InBandStreamError() {
    }

    /** The error this chunk declares, or null when it is ordinary body data. */
    static InvocationOutcome.Failure parse(ByteBuffer chunk) {
        if (chunk.remaining() < PREFIX.length || chunk.remaining() > 1 << 20) {
            return null;
        }
        for (int i = 0; i < PREFIX.length; i++) {
            if (chunk.get(chunk.position() + i) != PREFIX[i]) {
                return null;
            }
        }
        byte[] bytes = new byte[chunk.remaining()];
        chunk.duplicate().get(bytes);
        String type = null;
        byte[] body = new byte[0];
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.startsWith("Lambda-Runtime-Function-Error-Type:")) {
                type = line.substring(PREFIX.length).trim();
            } else if (line.startsWith(BODY)) {
                String encoded = line.substring(BODY.length()).trim();
                try {
                    body = Base64.getDecoder().decode(encoded);
                } catch (IllegalArgumentException notBase64) {
                    body = encoded.getBytes(StandardCharsets.UTF_8);
                }
            }
        }
        return type == null ? null : FunctionErrors.fromRuntime(type, body);
    }
}
