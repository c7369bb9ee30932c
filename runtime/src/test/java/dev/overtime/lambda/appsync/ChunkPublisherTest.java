package dev.overtime.lambda.appsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChunkPublisherTest {

    private FakeGraphQlApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeGraphQlApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private ChunkPublisher.Builder publisher() {
        return ChunkPublisher.builder(api.url()).apiKey("da2-testkey")
                .retries(4, Duration.ofMillis(5), Duration.ofMillis(20));
    }

    @Test
    void stream_publishesEachChunkInOrderWithSeqAndAFinalDoneChunk() {
        ChunkStream stream = publisher().build().stream("conv-1");

        stream.send("Hel");
        stream.send("lo \"world\"\n");
        stream.finish();

        assertThat(api.received()).extracting(FakeGraphQlApi.Received::variables).containsExactly(
                Map.of("conversationId", "conv-1", "seq", 1L, "text", "Hel", "done", false),
                Map.of("conversationId", "conv-1", "seq", 2L, "text", "lo \"world\"\n", "done", false),
                Map.of("conversationId", "conv-1", "seq", 3L, "text", "", "done", true));
        assertThat(api.received()).allSatisfy(r -> {
            assertThat(r.headers()).containsEntry("x-api-key", "da2-testkey")
                    .containsEntry("Content-Type", "application/json");
            assertThat(r.body().get("query")).isEqualTo(ChunkPublisher.DEFAULT_MUTATION);
        });
        assertThat(stream.lastSeq()).isEqualTo(3);
    }

    @Test
    void stream_refusesChunksAfterTheLast() {
        ChunkStream stream = publisher().build().stream("conv-1");
        stream.finish("bye");

        assertThatThrownBy(() -> stream.send("more")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("finished");
        assertThat(api.received()).hasSize(1);
    }

    @Test
    void publish_retriesServerErrorsAndThrottling_thenSucceedsWithTheSameChunk() {
        api.thenAnswer(503, "unavailable").thenAnswer(429, "{\"errors\":[{\"errorType\":\"TooManyRequests\"}]}");

        Map<String, Object> data = publisher().build().publish(new Chunk("c", 1, "tok", false));

        assertThat(data).containsKey("publishChunk");
        assertThat(api.received()).hasSize(3).extracting(FakeGraphQlApi.Received::variables).containsOnly(
                Map.of("conversationId", "c", "seq", 1L, "text", "tok", "done", false));
    }

    @Test
    void publish_givesUpAfterTheLastAttempt_withTheLastStatus() {
        for (int i = 0; i < 4; i++) {
            api.thenAnswer(502, "bad gateway");
        }

        assertThatThrownBy(() -> publisher().build().publish(new Chunk("c", 7, "x", false)))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.status()).isEqualTo(502))
                .hasMessageContaining("chunk 7 of c failed after 4 attempts: HTTP 502 bad gateway");
        assertThat(api.received()).hasSize(4);
    }

    @Test
    void publish_neverRetriesAClientError() {
        api.thenAnswer(401, "{\"errors\":[{\"errorType\":\"UnauthorizedException\","
                + "\"message\":\"You are not authorized to make this call.\"}]}");

        assertThatThrownBy(() -> publisher().build().publish(new Chunk("c", 1, "x", false)))
                .isInstanceOfSatisfying(PublishException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.errorType()).isEqualTo("UnauthorizedException");
                })
                .hasMessageContaining("was refused: HTTP 401 UnauthorizedException: You are not authorized");
        assertThat(api.received()).hasSize(1);
    }

    @Test
    void publish_failsLoudlyOnAGraphQlError() {
        api.thenAnswer(200, "{\"data\":{\"publishChunk\":null},\"errors\":[{\"errorType\":\"PayloadTooLarge\","
                + "\"message\":\"The publish is 300 KB, over the 240 KB limit\",\"path\":[\"publishChunk\"]}]}");

        assertThatThrownBy(() -> publisher().build().publish(new Chunk("c", 1, "x", false)))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("PayloadTooLarge: The publish is 300 KB, over the 240 KB limit");
        assertThat(api.received()).hasSize(1);
    }

    @Test
    void mutation_fitsAnySchema() {
        String mutation = "mutation Emit($id: ID!, $n: Int!, $delta: String!, $last: Boolean!) {"
                + " emit(id: $id, n: $n, delta: $delta, last: $last) { id } }";
        ChunkStream stream = publisher()
                .mutation(mutation, c -> Map.of("id", c.streamId(), "n", c.seq(), "delta", c.text(), "last", c.done()))
                .build().stream("job-9");

        stream.send("50%");

        assertThat(api.received()).singleElement().satisfies(r -> {
            assertThat(r.body().get("query")).isEqualTo(mutation);
            assertThat(r.variables()).isEqualTo(Map.of("id", "job-9", "n", 1L, "delta", "50%", "last", false));
        });
    }

    @Test
    void mutation_mustBeAMutation() {
        assertThatThrownBy(() -> publisher().mutation("query { ping }", ChunkPublisher::defaultVariables))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a GraphQL mutation");
    }

    @Test
    void sigV4_signsEachRequestForAppSync() {
        ChunkPublisher publisher = ChunkPublisher.builder(api.url())
                .sigV4("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token", "eu-west-1")
                .build();

        publisher.stream("c").send("hi");

        FakeGraphQlApi.Received r = api.received().get(0);
        assertThat(r.headers()).doesNotContainKey("x-api-key").containsEntry("X-Amz-Security-Token", "session-token");
        Instant signedAt = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .parse(r.headers().get("X-Amz-Date"), Instant::from);
        byte[] body = dev.overtime.lambda.PlainJson.write(r.body()).getBytes(StandardCharsets.UTF_8);
        String expected = new SigV4Signer(new SigV4Signer.Credentials("AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token"), "eu-west-1", "appsync")
                .sign("POST", api.url(), Map.of("content-type", r.headers().get("Content-Type")), body, signedAt)
                .authorization();
        assertThat(r.headers().get("Authorization")).isEqualTo(expected)
                .contains("/eu-west-1/appsync/aws4_request")
                .contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token");
    }

    @Test
    void connectionErrors_areRetried() throws Exception {
        try (DropsFirstConnection server = new DropsFirstConnection()) {
            ChunkPublisher publisher = ChunkPublisher.builder(server.url()).apiKey("k")
                    .retries(3, Duration.ofMillis(5), Duration.ofMillis(10)).build();

            Map<String, Object> data = publisher.publish(new Chunk("c", 1, "x", false));

            assertThat(data).isEqualTo(Map.of("publishChunk", Map.of("seq", 1L)));
            assertThat(server.connections.get()).isEqualTo(2);
        }
    }

    @Test
    void anUnreachableApi_failsAfterTheRetriesWithStatusZero() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ChunkPublisher publisher = ChunkPublisher.builder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .apiKey("k").retries(2, Duration.ofMillis(5), Duration.ofMillis(5)).build();

        assertThatThrownBy(() -> publisher.publish(new Chunk("c", 1, "x", false)))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.status()).isZero())
                .hasMessageContaining("failed after 2 attempts: cannot reach http://127.0.0.1:" + port);
    }

    @Test
    void fromEnvironment_prefersTheApiKey_andNamesWhatIsMissing() {
        ChunkPublisher.fromEnvironment(Map.of("GRAPHQL_URL", api.url().toString(), "GRAPHQL_API_KEY", "da2-env"))
                .stream("c").send("x");
        assertThat(api.received().get(0).headers()).containsEntry("x-api-key", "da2-env");

        assertThatThrownBy(() -> ChunkPublisher.fromEnvironment(Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GRAPHQL_URL is not set");
        assertThatThrownBy(() -> ChunkPublisher.fromEnvironment(Map.of("GRAPHQL_URL", "http://h/graphql")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Neither GRAPHQL_API_KEY");
        assertThatThrownBy(() -> ChunkPublisher.builder(URI.create("ftp://h/graphql")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http:// or https://");
    }

    /** Closes its first connection without answering; answers the later ones like a GraphQL API. */
    private static final class DropsFirstConnection implements AutoCloseable {
        final AtomicInteger connections = new AtomicInteger();
        private final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        private final Thread acceptor = new Thread(this::serve, "drops-first-connection");

        DropsFirstConnection() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/graphql");
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    int n = connections.incrementAndGet();
                    int contentLength = readHead(s.getInputStream());
                    if (n == 1) {
                        continue;
                    }
                    s.getInputStream().readNBytes(contentLength);
                    byte[] body = "{\"data\":{\"publishChunk\":{\"seq\":1}}}".getBytes(StandardCharsets.UTF_8);
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static int readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                head.append((char) c);
            }
            for (String line : List.of(head.toString().split("\r\n"))) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    return Integer.parseInt(line.substring(15).trim());
                }
            }
            return 0;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
