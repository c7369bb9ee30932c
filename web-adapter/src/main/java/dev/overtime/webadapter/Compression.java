package dev.overtime.webadapter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * {@code AWS_LWA_ENABLE_COMPRESSION} for buffered responses: gzip or deflate as the caller's
 * {@code Accept-Encoding} allows, skipped as tower-http's default predicate skips it (bodies under
 * 32 bytes, images except SVG, {@code text/event-stream}, gRPC, responses already encoded). LWA
 * also offers Brotli and zstd, which the JDK lacks; a caller that accepts only those gets the body
 * uncompressed.
 */
final class Compression {

    private Compression() {
    }

    /** The encoding to use, {@code gzip} or {@code deflate}, or null. */
    static String choose(String acceptEncoding, String[] responseHeaders, int bodyLength) {
        if (acceptEncoding == null || bodyLength < 32) {
            return null;
        }
        for (int i = 0; i + 1 < responseHeaders.length; i += 2) {
            String name = responseHeaders[i];
            if (name.equalsIgnoreCase("content-encoding")) {
                return null;
            }
            if (name.equalsIgnoreCase("content-type")) {
                String type = responseHeaders[i + 1].toLowerCase(Locale.ROOT);
                if (type.startsWith("image/") && !type.startsWith("image/svg+xml")
                        || type.startsWith("text/event-stream") || type.startsWith("application/grpc")) {
                    return null;
                }
            }
        }
        String accept = acceptEncoding.toLowerCase(Locale.ROOT);
        if (accepts(accept, "gzip")) {
            return "gzip";
        }
        if (accepts(accept, "deflate")) {
            return "deflate";
        }
        return null;
    }

    private static boolean accepts(String accept, String coding) {
        for (String part : accept.split(",")) {
            String[] p = part.trim().split(";");
            if (p[0].trim().equals(coding) || p[0].trim().equals("*")) {
                for (int i = 1; i < p.length; i++) {
                    String q = p[i].trim();
                    if (q.startsWith("q=") && q.substring(2).trim().matches("0(\\.0*)?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    static byte[] compress(String encoding, byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 3));
        try (DeflaterOutputStream z = encoding.equals("gzip") ? new GZIPOutputStream(out) : new DeflaterOutputStream(out)) {
            z.write(body);
        }
        return out.toByteArray();
    }

    /** The response headers with the new encoding and length, and {@code Vary: accept-encoding}. */
    static String[] encodedHeaders(String[] headers, String encoding, int length) {
        java.util.List<String> out = new java.util.ArrayList<>(headers.length + 6);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (!headers[i].equalsIgnoreCase("content-length")) {
                out.add(headers[i]);
                out.add(headers[i + 1]);
            }
        }
        out.add("content-encoding");
        out.add(encoding);
        out.add("content-length");
        out.add(Integer.toString(length));
        out.add("vary");
        out.add("accept-encoding");
        return out.toArray(new String[0]);
    }
}
