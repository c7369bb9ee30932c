package dev.overtime.platform.hostile;

import dev.overtime.platform.http.PortLimits;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A slowloris attack on the main port does not keep a normal invoke from being served. */
class SlowlorisTest {

    private static final int HELD = 500;

    @TempDir
    Path dir;

    @Test
    void invoke_whileFiveHundredSlowConnectionsAreHeld_isServed() throws Exception {
        // A head deadline longer than the test: all 500 stay open, the worst case for the selectors.
        PortLimits limits = PortLimits.DEFAULTS.withHeaderDeadline(Duration.ofMinutes(10));
        try (PlatformHarness platform = PlatformHarness.startWithLimits(dir.resolve("data"), limits,
                TestFunctions.bootstrap(dir, "echo", TestFunctions.ANSWERS_OK, Duration.ofSeconds(10), null))) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < HELD; i++) {
                    Socket socket = new Socket("127.0.0.1", platform.platform().port());
                    socket.getOutputStream().write("GET /2015-03-31/functions/ HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    held.add(socket);
                }

                InvokeResponse answer = platform.lambda().invoke(b -> b.functionName("echo")
                        .payload(SdkBytes.fromUtf8String("{}")));

                assertThat(answer.functionError()).isNull();
                assertThat(answer.payload().asUtf8String()).isEqualTo("{\"ok\":true}");
                assertThat(held).as("slow connections the platform closed during the invoke")
                        .noneMatch(HostileRequestsTest::closedByPeer);
            } finally {
                for (Socket socket : held) {
                    closeQuietly(socket);
                }
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a test's own socket.
        }
    }
}
