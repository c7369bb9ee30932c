package dev.overtime.platform.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * HTTP/1.1 requests broken the ways clients and attackers break them: a valid request to a door,
 * then one to four mutations of its request line, head or body framing.
 */
final class MalformedHttp {

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH",
            "CONNECT", "TRACE", "PRI", "G\u0000T", "get", "", "POST POST", "\u00ff\u00fe", "X".repeat(300));
    private static final List<String> PATH_BITS = List.of("%00", "%2F", "%2f", "%25", "%ZZ", "%", "%u0041", "..",
            ".", "//", "/../..", "%2e%2e", ";a=b", "?", "#frag", "\\", " ", "\t", "\u0007", "\u00e9", "\ud83d\ude00",
            "*", "a".repeat(5000), "%C0%AF", "~", "@", "http://evil/", "%0d%0aX-Injected: 1");
    private static final List<String> VERSIONS = List.of("HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/0.9", "HTTP/1.1x",
            "HTTP/1", "http/1.1", "", "HTTP/1.1 extra", "HTTP/11.1");
    private static final List<String> HEADERS = List.of("Content-Length: -1", "Content-Length: 99999999999999999999",
            "Content-Length: abc", "Content-Length: 5\r\nContent-Length: 6", "Transfer-Encoding: chunked",
            "Transfer-Encoding: gzip, chunked", "Transfer-Encoding: chunked\r\nContent-Length: 3",
            "Transfer-Encoding: identity", "Expect: 100-continue", "Expect: 999-nope", "Host:", "Host: a\r\nHost: b",
            "No-Colon-Here", " Leading: space", "Folded: a\r\n continued", "Bad Name: x", ": empty-name",
            "X-Nul: a\u0000b", "Connection: upgrade\r\nUpgrade: websocket", "Upgrade: h2c\r\nConnection: Upgrade",
            "Content-Type: application/json; charset=\u00ff", "X-Long: " + "v".repeat(20_000),
            "X-Amz-Invocation-Type: \u0000", "X-Amz-Client-Context: !!!", "Cookie: " + "a=b; ".repeat(500),
            "Lambda-Runtime-Function-Response-Mode: streaming", "Trailer: Lambda-Runtime-Function-Error-Type");

    private final Random random;

    MalformedHttp(Random random) {
        this.random = random;
    }

    /** A request to {@code path} with {@code body}, then broken. */
    byte[] next(String path, byte[] body) {
        String method = random.nextBoolean() ? "POST" : "GET";
        String target = path;
        String version = "HTTP/1.1";
        StringBuilder head = new StringBuilder("Host: localhost\r\nContent-Length: " + body.length + "\r\n");
        byte[] payload = body;
        String lineEnd = "\r\n";
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            switch (random.nextInt(9)) {
                case 0 -> method = pick(METHODS);
                case 1 -> target = insert(target, pick(PATH_BITS));
                case 2 -> version = pick(VERSIONS);
                case 3 -> head.append(pick(HEADERS)).append("\r\n");
                case 4 -> head = new StringBuilder(randomText(1 + random.nextInt(200)) + "\r\n");
                case 5 -> payload = chunked(body);
                case 6 -> lineEnd = random.nextBoolean() ? "\n" : "\r";
                case 7 -> payload = java.util.Arrays.copyOf(body, random.nextInt(body.length + 1));
                default -> {
                    for (int n = random.nextInt(300); n > 0; n--) {
                        head.append("X-Many-").append(n).append(": ").append(n).append("\r\n");
                    }
                }
            }
        }
        String requestLine = method + " " + target + (version.isEmpty() ? "" : " " + version);
        String text = requestLine + "\r\n" + head + "Connection: close\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.replace("\r\n", lineEnd).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(payload);
        byte[] request = out.toByteArray();
        if (random.nextInt(10) == 0) {
            // Flip a few bytes anywhere: what a broken proxy or a fuzzer sends.
            for (int n = 1 + random.nextInt(4); n > 0 && request.length > 0; n--) {
                request[random.nextInt(request.length)] = (byte) random.nextInt(256);
            }
        }
        return request;
    }

    private byte[] chunked(byte[] body) {
        String size = switch (random.nextInt(5)) {
            case 0 -> "zz";
            case 1 -> "-1";
            case 2 -> "FFFFFFFFFFFFFFFFFF";
            case 3 -> Integer.toHexString(body.length) + ";ext=" + "e".repeat(100);
            default -> Integer.toHexString(body.length + random.nextInt(3) - 1);
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        out.writeBytes((random.nextBoolean() ? "\r\n0\r\n\r\n" : "\r\n0\r\nX-Trailer: " + randomText(20) + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private String insert(String target, String bit) {
        int at = random.nextInt(target.length() + 1);
        return target.substring(0, at) + bit + target.substring(at);
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (random.nextInt(10) == 0 ? random.nextInt(256) : 32 + random.nextInt(95)));
        }
        return text.toString();
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
