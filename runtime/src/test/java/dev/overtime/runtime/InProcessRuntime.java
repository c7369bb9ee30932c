package dev.overtime.runtime;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The runtime's {@code Main} run in this JVM against a {@link StubRuntimeApi}, with standard error
 * captured for the test to read.
 */
final class InProcessRuntime implements AutoCloseable {

    private final Path taskRoot;
    private final String functionName;
    private final StubRuntimeApi api;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final PrintStream originalErr = System.err;

    InProcessRuntime(Path taskRoot, String functionName) throws Exception {
        this.taskRoot = taskRoot;
        this.functionName = functionName;
        this.api = new StubRuntimeApi();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    StubRuntimeApi api() {
        return api;
    }

    /** Runs {@code handler} until the runtime exits (the stub stops handing out events); its exit status. */
    int run(Class<?> handler) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        return assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> Main.run(new String[] {handler.getName()}, env, taskRoot.resolve("opt").toString()));
    }

    String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setErr(originalErr);
        api.close();
    }
}
