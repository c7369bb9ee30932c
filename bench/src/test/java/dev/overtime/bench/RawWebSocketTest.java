package dev.overtime.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GraphQL benchmark's clients against its baseline: a POST of any length reaches every WebSocket
 * subscriber intact, whichever length form its frame takes (7-bit, 16-bit and 64-bit lengths).
 */
class RawWebSocketTest {

    @Test
    void aPostIsPushedIntactToEverySubscriber_atEveryFrameLengthForm() throws Exception {
        try (PushBaselineServer server = new PushBaselineServer();
             RawWebSocket first = RawWebSocket.connect(server.port(), "/subscribe");
             RawWebSocket second = RawWebSocket.connect(server.port(), "/subscribe", "graphql-ws");
             KeepAliveClient publisher = new KeepAliveClient(server.port(), "POST", "/publish", "", -1)) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (server.subscribers() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            for (int length : new int[]{5, 125, 126, 300, 65_535, 70_000}) {
                String body = "{\"t\":\"" + "é".repeat(length / 2) + "\"}";
                assertThat(publisher.exchange(body.getBytes(StandardCharsets.UTF_8))).isEqualTo(200);
                assertThat(first.awaitText(5_000)).isEqualTo(body);
                assertThat(second.awaitText(5_000)).isEqualTo(body);
            }
        }
    }
}
