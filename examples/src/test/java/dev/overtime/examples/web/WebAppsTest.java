package dev.overtime.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The web-app examples as plain web apps, each in a process of its own on the port {@code PORT}
 * names, as an adapter runs them: what the adapter forwards to must already work here.
 */
class WebAppsTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Process app;

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null) {
            app.destroyForcibly().waitFor();
        }
    }

    @Test
    void nodeApp_greetsWithJsonOnPort() throws Exception {
        int port = start(new ProcessBuilder(node(), "server.js").directory(EXAMPLES.resolve("web-sse-node").toFile()));

        HttpResponse<String> r = get(port, "/?name=Ada");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(r.body()).contains("\"message\":\"Hello, Ada!\"");
    }

    @Test
    void nodeApp_streamsEachEventAsItIsWritten() throws Exception {
        int port = start(new ProcessBuilder(node(), "server.js").directory(EXAMPLES.resolve("web-sse-node").toFile()));
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/events?count=5&interval=100")).build(), HttpResponse.BodyHandlers.ofInputStream());

        List<Long> arrivals = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data: ")) {
                    arrivals.add(System.nanoTime());
                }
            }
        }

        assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(arrivals).hasSize(5);
        assertThat(Duration.ofNanos(arrivals.get(arrivals.size() - 1) - arrivals.get(0))).isGreaterThan(Duration.ofMillis(300));
    }

    @Test
    void javalinApp_greetsEchoesAndAnswersItsHealthCheck() throws Exception {
        String classPath = EXAMPLES.resolve("target/web-java-classes") + java.io.File.pathSeparator
                + System.getProperty("java.class.path");
        int port = start(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "dev.overtime.examples.web.JavalinApp"));
        byte[] binary = {0, 1, (byte) 0xff, '\r', '\n'};

        HttpResponse<String> hello = get(port, "/hello/Ada");
        HttpResponse<byte[]> echo = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(binary))
                .build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).isEqualTo("{\"message\":\"Hello, Ada!\"}");
        assertThat(echo.headers().firstValue("content-type")).hasValue("application/octet-stream");
        assertThat(echo.body()).isEqualTo(binary);
    }

    /** Starts the app with a free port as PORT; returns the port once {@code /healthz} answers 200. */
    private int start(ProcessBuilder builder) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("web-app", ".log");
        builder.environment().put("PORT", Integer.toString(port));
        app = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(app.isAlive()).as("the app exited: %s", Files.readString(log)).isTrue();
            try {
                if (get(port, "/healthz").statusCode() == 200) {
                    return port;
                }
            } catch (IOException notListeningYet) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("no answer on /healthz in 20 s: " + Files.readString(log));
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String node() {
        String given = System.getenv("OVERTIME_NODE");
        return given != null && !given.isBlank() ? given : "node";
    }
}
