package dev.overtime.platform.hostile;

import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A request body trickled a byte at a time does not hold its connection: past the grace it is closed. */
class SlowBodyTest {

    @TempDir
    Path dir;

    @Test
    void bodyTrickledByteByByte_isCutAfterTheGrace_whileNormalInvokesAreServed() throws Exception {
        try (PlatformHarness platform = PlatformHarness.start(dir.resolve("data"),
                TestFunctions.bootstrap(dir, "echo", TestFunctions.ANSWERS_OK, Duration.ofSeconds(10), null));
             Socket socket = new Socket("127.0.0.1", platform.platform().port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /2015-03-31/functions/echo/invocations HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.setSoTimeout(500);
            long start = System.nanoTime();
            long deadline = start + Duration.ofSeconds(60).toNanos();
            int sent = 1;
            boolean closed = false;
            while (!closed && System.nanoTime() < deadline) {
                try {
                    closed = in.read() == -1; // the 500 ms read timeout also paces the trickle
                } catch (SocketTimeoutException stillOpen) {
                    try {
                        out.write(' ');
                        out.flush();
                        sent++;
                    } catch (IOException reset) {
                        closed = true;
                    }
                } catch (IOException reset) {
                    closed = true;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(closed).as("the trickled connection was closed within 60 s").isTrue();
            assertThat(seconds).as("not before the 10 s grace").isGreaterThanOrEqualTo(9.5);
            assertThat(sent).isLessThan(100_000);
            InvokeResponse answer = platform.lambda().invoke(b -> b.functionName("echo")
                    .payload(SdkBytes.fromUtf8String("{\"body\":\"" + "x".repeat(100_000) + "\"}")));
            assertThat(answer.functionError()).isNull();
            assertThat(answer.payload().asUtf8String()).isEqualTo("{\"ok\":true}");
        }
    }
}
