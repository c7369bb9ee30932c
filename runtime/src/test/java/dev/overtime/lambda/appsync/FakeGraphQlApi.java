package dev.overtime.lambda.appsync;

import com.sun.net.httpserver.HttpServer;
import dev.overtime.lambda.PlainJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A GraphQL endpoint on a real local HTTP server: it records every request and answers with the
 * scripted responses in turn, then with {@code {"data":{"publishChunk":<the variables>}}}.
 */
final class FakeGraphQlApi implements AutoCloseable {

    record Received(Map<String, String> headers, Map<String, Object> body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> variables() {
            return (Map<String, Object>) body.get("variables");
        }
    }

    private record Scripted(int status, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Scripted> script = new ArrayDeque<>();

    FakeGraphQlApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/graphql", exchange -> {
            String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) PlainJson.parse(text);
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            received.add(new Received(headers, body));
            Scripted answer;
            synchronized (script) {
                answer = script.poll();
            }
            if (answer == null) {
                answer = new Scripted(200, PlainJson.write(Map.of("data", Map.of("publishChunk", body.get("variables")))));
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    /** The next request gets this answer instead of the default one. */
    FakeGraphQlApi thenAnswer(int status, String body) {
        synchronized (script) {
            script.add(new Scripted(status, body));
        }
        return this;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/graphql");
    }

    List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
