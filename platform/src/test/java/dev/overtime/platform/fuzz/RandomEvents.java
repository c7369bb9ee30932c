package dev.overtime.platform.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Event payloads a caller might send (JSON of every shape, near-JSON, binary, oversized) inside
 * well-formed HTTP requests with the headers each door reads, so that the payload reaches the door.
 */
final class RandomEvents {

    private static final List<String> INVOCATION_TYPES = List.of("RequestResponse", "Event", "DryRun", "event", "",
            "Stream", "\u00e9");
    private static final List<String> STRINGS = List.of("", "a", "\u0000", "\\", "\"", "\ud83d\ude00", "\ud800",
            "</script>", "${jndi:ldap://x}", "%2F..%2F", "\n\r\t", "x".repeat(70_000));

    private final Random random;

    RandomEvents(Random random) {
        this.random = random;
    }

    /** A payload: mostly JSON, sometimes almost JSON, bytes, nothing, or more than Lambda accepts. */
    byte[] payload() {
        return switch (random.nextInt(12)) {
            case 0 -> new byte[0];
            case 1 -> bytes(1 + random.nextInt(2000));
            case 2 -> ("{\"a\":" + "[".repeat(1 + random.nextInt(5000))).getBytes(StandardCharsets.UTF_8);
            case 3 -> "[".repeat(2000).concat("]".repeat(2000)).getBytes(StandardCharsets.UTF_8);
            case 4 -> new byte[(6 * 1024 * 1024) + random.nextInt(1024 * 1024)];
            case 5 -> truncate(json(4).getBytes(StandardCharsets.UTF_8));
            default -> json(5).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Any JSON value, nested up to {@code depth}. */
    String json(int depth) {
        int kind = depth <= 0 ? random.nextInt(5) : random.nextInt(7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> switch (random.nextInt(4)) {
                case 0 -> Long.toString(random.nextLong());
                case 1 -> "1e" + random.nextInt(100_000);
                case 2 -> "-0.0000000000000000000000001";
                default -> "9".repeat(1 + random.nextInt(2000));
            };
            case 3 -> quote(random.nextInt(3) == 0 ? STRINGS.get(random.nextInt(STRINGS.size())) : text(20));
            case 4 -> quote(text(random.nextInt(100)));
            case 5 -> {
                StringBuilder a = new StringBuilder("[");
                for (int i = random.nextInt(6); i > 0; i--) {
                    a.append(json(depth - 1)).append(i > 1 ? "," : "");
                }
                yield a.append(']').toString();
            }
            default -> {
                StringBuilder o = new StringBuilder("{");
                for (int i = random.nextInt(6); i > 0; i--) {
                    o.append(quote(text(8))).append(':').append(json(depth - 1)).append(i > 1 ? "," : "");
                }
                yield o.append('}').toString();
            }
        };
    }

    /** Headers a Lambda API caller may set, each present or not, valid or not. */
    String invokeHeaders() {
        StringBuilder h = new StringBuilder();
        if (random.nextBoolean()) {
            h.append("X-Amz-Invocation-Type: ").append(INVOCATION_TYPES.get(random.nextInt(INVOCATION_TYPES.size())))
                    .append("\r\n");
        }
        if (random.nextInt(4) == 0) {
            h.append("X-Amz-Log-Type: ").append(random.nextBoolean() ? "Tail" : text(5)).append("\r\n");
        }
        if (random.nextInt(4) == 0) {
            String context = random.nextBoolean() ? Base64.getEncoder().encodeToString(json(2)
                    .getBytes(StandardCharsets.UTF_8)) : text(random.nextInt(5000));
            h.append("X-Amz-Client-Context: ").append(context.replaceAll("[\\r\\n]", "")).append("\r\n");
        }
        if (random.nextInt(4) == 0) {
            h.append("Content-Type: ").append(random.nextBoolean() ? "application/json" : text(10)).append("\r\n");
        }
        return h.toString();
    }

    /** A well-formed HTTP/1.1 request with a Content-Length, closing the connection after its answer. */
    static byte[] request(String method, String target, String headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "Content-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    String method() {
        return List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD").get(random.nextInt(7));
    }

    /** A path and query a browser or a script could send. */
    String pathAndQuery() {
        StringBuilder p = new StringBuilder();
        for (int i = random.nextInt(4); i >= 0; i--) {
            p.append('/').append(urlSafe(random.nextInt(12)));
        }
        if (random.nextBoolean()) {
            p.append('?').append(urlSafe(4)).append('=').append(urlSafe(6)).append("&a=1&a=2&=&&b");
        }
        return p.toString();
    }

    private String urlSafe(int length) {
        String alphabet = "abcXYZ019-._~%20+";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString().replace("%2", "%20");
    }

    private byte[] truncate(byte[] json) {
        return java.util.Arrays.copyOf(json, random.nextInt(json.length + 1));
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private String text(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) (random.nextInt(8) == 0 ? random.nextInt(0x3000) : 32 + random.nextInt(95)));
        }
        return s.toString();
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20) {
                q.append(String.format("\\u%04x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
