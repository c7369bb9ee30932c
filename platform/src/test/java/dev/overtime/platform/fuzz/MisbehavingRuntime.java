package dev.overtime.platform.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The calls a broken runtime or extension makes on its Runtime API address, in random order: the
 * real operations with the ids it was given, stale or invented ids, wrong methods, bad headers and
 * bodies, streamed answers with error trailers, registrations it never follows up.
 */
final class MisbehavingRuntime {

    /** One call; a long poll ({@code /next}) may rightly wait for an event instead of answering. */
    record Call(String what, byte[] request, boolean longPoll) {
    }

    private static final String RUNTIME = "/2018-06-01/runtime";
    private static final String EXTENSION = "/2020-01-01/extension";

    private final Random random;
    private final RandomEvents events;
    private final List<String> requestIds = new ArrayList<>();
    private final List<String> extensionIds = new ArrayList<>();

    MisbehavingRuntime(Random random) {
        this.random = random;
        this.events = new RandomEvents(random);
    }

    /** Remembers the ids an answer handed out, for later calls to use (or misuse). */
    void saw(String requestId, String extensionId) {
        if (requestId != null) {
            requestIds.add(requestId);
        }
        if (extensionId != null) {
            extensionIds.add(extensionId);
        }
    }

    Call next() {
        return switch (random.nextInt(12)) {
            case 0, 1, 2 -> new Call("next", get(RUNTIME + "/invocation/next", ""), true);
            case 3, 4 -> post("response", RUNTIME + "/invocation/" + requestId() + "/response", "",
                    events.payload());
            case 5 -> post("streamed response", RUNTIME + "/invocation/" + requestId() + "/response",
                    "Lambda-Runtime-Function-Response-Mode: " + (random.nextBoolean() ? "streaming" : "sideways")
                            + "\r\n", null);
            case 6 -> post("error", RUNTIME + "/invocation/" + requestId() + "/error",
                    "Lambda-Runtime-Function-Error-Type: " + (random.nextBoolean() ? "Runtime.Bad" : "\u00e9x")
                            + "\r\n", events.payload());
            case 7 -> post("init error", RUNTIME + "/init/error", "Lambda-Runtime-Function-Error-Type: X\r\n",
                    events.payload());
            case 8 -> post("register", EXTENSION + "/register", "Lambda-Extension-Name: " + name() + "\r\n"
                    + (random.nextBoolean() ? "Lambda-Extension-Accept-Feature: accountId\r\n" : ""),
                    random.nextBoolean() ? "{\"events\":[\"INVOKE\",\"SHUTDOWN\"]}".getBytes(StandardCharsets.UTF_8)
                            : events.payload());
            case 9 -> new Call("event/next", get(EXTENSION + "/event/next", identifier()), true);
            case 10 -> post(random.nextBoolean() ? "extension init error" : "extension exit error",
                    EXTENSION + (random.nextBoolean() ? "/init/error" : "/exit/error"),
                    identifier() + "Lambda-Extension-Function-Error-Type: Extension.X\r\n", events.payload());
            default -> new Call("anything", RandomEvents.request(events.method(),
                    (random.nextBoolean() ? RUNTIME : EXTENSION) + events.pathAndQuery(), "", events.payload()), false);
        };
    }

    private Call post(String what, String path, String headers, byte[] body) {
        if (body == null) {
            String trailer = random.nextBoolean() ? "Lambda-Runtime-Function-Error-Type: Runtime.Stream\r\n"
                    + "Lambda-Runtime-Function-Error-Body: " + java.util.Base64.getEncoder().encodeToString(
                    events.json(1).getBytes(StandardCharsets.UTF_8)) + "\r\n" : "";
            String chunk = events.json(3);
            byte[] chunkBytes = chunk.getBytes(StandardCharsets.UTF_8);
            String request = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers
                    + "Transfer-Encoding: chunked\r\nTrailer: Lambda-Runtime-Function-Error-Type, "
                    + "Lambda-Runtime-Function-Error-Body\r\nConnection: close\r\n\r\n"
                    + Integer.toHexString(chunkBytes.length) + "\r\n" + chunk + "\r\n0\r\n" + trailer + "\r\n";
            return new Call(what, request.getBytes(StandardCharsets.UTF_8), false);
        }
        String method = random.nextInt(10) == 0 ? "PUT" : "POST";
        return new Call(what, RandomEvents.request(method, path, headers, body), false);
    }

    private static byte[] get(String path, String headers) {
        return RandomEvents.request("GET", path, headers, new byte[0]);
    }

    private String requestId() {
        return switch (random.nextInt(6)) {
            case 0 -> java.util.UUID.randomUUID().toString();
            case 1 -> "%2F..%2F";
            case 2 -> "x".repeat(random.nextInt(3000));
            default -> requestIds.isEmpty() ? "none" : requestIds.get(random.nextInt(requestIds.size()));
        };
    }

    private String identifier() {
        if (random.nextInt(4) == 0 || extensionIds.isEmpty()) {
            return random.nextBoolean() ? "" : "Lambda-Extension-Identifier: " + java.util.UUID.randomUUID() + "\r\n";
        }
        return "Lambda-Extension-Identifier: " + extensionIds.get(random.nextInt(extensionIds.size())) + "\r\n";
    }

    private String name() {
        return switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> "../../etc/passwd";
            case 2 -> "ext" + random.nextInt(20);
            default -> "e".repeat(1 + random.nextInt(500));
        };
    }
}
