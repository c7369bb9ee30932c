package dev.overtime.platform.environment;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the Node runtime client's own test suite (src/test/node, node:test against a stub Runtime
 * API) so that {@code mvn test} covers the client bundled under resources/overtime/node.
 */
class NodeRuntimeClientTest {

    private static final Path TESTS = Path.of("src/test/node");
    private static final long TIMEOUT_MINUTES = 5;

    @Test
    void nodeTestSuitePasses() throws Exception {
        String node = findNode().orElseGet(() -> fail(
                "Node.js is required to test the Node runtime client: install Node.js 18 or newer so that `node` "
                        + "is on the PATH (or set OVERTIME_NODE to its binary)"));

        List<String> command = new ArrayList<>(List.of(node, "--test"));
        command.addAll(testFiles());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Thread.ofPlatform().daemon().start(() -> copy(process.getInputStream(), output));

        boolean finished = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        String log = output.toString(StandardCharsets.UTF_8);

        assertThat(finished)
                .withFailMessage("%s did not finish within %d minutes; output so far:%n%s",
                        String.join(" ", command), TIMEOUT_MINUTES, log)
                .isTrue();
        assertThat(process.exitValue())
                .withFailMessage("%s exited with %d:%n%s", String.join(" ", command), process.exitValue(), log)
                .isZero();
    }

    /** Explicit files: how `node --test` expands a directory argument differs between Node versions. */
    private static List<String> testFiles() throws IOException {
        assertThat(TESTS).as("Node test folder (relative to the platform module)").isDirectory();
        try (Stream<Path> files = Files.list(TESTS)) {
            List<String> tests = files
                    .filter(f -> f.getFileName().toString().endsWith(".test.mjs"))
                    .map(f -> f.toAbsolutePath().toString())
                    .sorted()
                    .toList();
            assertThat(tests).as("*.test.mjs files in " + TESTS.toAbsolutePath()).isNotEmpty();
            return tests;
        }
    }

    private static Optional<String> findNode() {
        String configured = System.getenv("OVERTIME_NODE");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured);
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : List.of("node", "node.exe")) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toString());
                }
            }
        }
        return Optional.empty();
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
