package dev.overtime.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overtime.runtime.fixtures.Streams;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime as the platform launches it: a separate JVM. */
class ProcessTest {

    @TempDir
    Path taskRoot;

    private StubRuntimeApi api;

    @BeforeEach
    void start() throws Exception {
        api = new StubRuntimeApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Process launch(List<String> args) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dev.overtime.runtime.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(taskRoot.toFile())
                .redirectOutput(taskRoot.resolve("stdout.txt").toFile())
                .redirectError(taskRoot.resolve("stderr.txt").toFile());
        Map<String, String> env = pb.environment();
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("_HANDLER", Streams.class.getName());
        return pb.start();
    }

    private static int exitCode(Process p) throws Exception {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("runtime process did not exit");
        }
        return p.exitValue();
    }

    @Test
    void main_servesInvocationsThenExitsNonZeroWhenTheApiFails() throws Exception {
        api.invoke("{\"echo\":true}");
        api.stop();

        Process p = launch(List.of());

        assertThat(api.awaitPost().body).isEqualTo("{\"echo\":true}");
        assertThat(exitCode(p)).isEqualTo(1);
    }

    @Test
    void main_whenHandlerClassIsMissing_reportsInitErrorAndExits1() throws Exception {
        Process p = launch(List.of("com.example.Nope::handle"));

        StubRuntimeApi.Request post = api.awaitPost();
        assertThat(post.path).isEqualTo("/2018-06-01/runtime/init/error");
        assertThat(post.body).contains("Class not found: com.example.Nope");
        assertThat(exitCode(p)).isEqualTo(1);
        assertThat(taskRoot.resolve("stdout.txt")).content().contains("Class not found: com.example.Nope");
    }
}
