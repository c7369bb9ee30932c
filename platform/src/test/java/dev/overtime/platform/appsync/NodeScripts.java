package dev.overtime.platform.appsync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the Node scripts in {@code platform/src/test/node} with the real npm clients that folder's lockfile
 * pins (graphql-ws, aws-appsync-subscription-link with Apollo Client, playwright-core). Installs them with
 * {@code npm ci} once per JVM when {@code node_modules} is missing or older than the lockfile. Works whether
 * Maven runs from the repository root or from {@code platform/}.
 */
public final class NodeScripts {

    /** A finished script: its exit code, its stdout lines (one JSON event each, by convention), its stderr. */
    public record Run(int exitCode, List<String> stdout, String stderr) {
    }

    private static boolean installed;

    private NodeScripts() {
    }

    /** The folder holding package.json, the lockfile and the scripts. */
    public static Path folder() {
        for (Path candidate : List.of(Path.of("src/test/node"), Path.of("platform/src/test/node"))) {
            if (Files.isRegularFile(candidate.resolve("package-lock.json"))) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("no src/test/node/package-lock.json under " + Path.of("").toAbsolutePath()
                + " or its platform/ folder");
    }

    /** Runs {@code node script args...} to its end, failing the test if it outlives {@code timeout}. */
    public static Run run(Duration timeout, String script, String... args) {
        ensureInstalled();
        Process process;
        try {
            process = new ProcessBuilder(command(script, args)).directory(folder().toFile()).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start node (is it installed?)", e);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail("node " + script + " ran longer than " + timeout + "\nstdout:\n" + out.getNow("")
                        + "\nstderr:\n" + err.getNow(""));
            }
            String stdout = out.get(10, TimeUnit.SECONDS);
            return new Run(process.exitValue(), stdout.isEmpty() ? List.of() : stdout.lines().toList(),
                    err.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("node " + script + " failed", e);
        }
    }

    /** Starts a long-running {@code node script args...}; its stderr goes to the test's. */
    public static Process start(String script, String... args) {
        ensureInstalled();
        try {
            return new ProcessBuilder(command(script, args)).directory(folder().toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start node (is it installed?)", e);
        }
    }

    private static List<String> command(String script, String... args) {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        return command;
    }

    private static synchronized void ensureInstalled() {
        if (installed) {
            return;
        }
        Path folder = folder();
        // npm ci writes node_modules/.package-lock.json last, so it marks a complete install.
        Path marker = folder.resolve("node_modules/.package-lock.json");
        try {
            if (!Files.exists(marker) || Files.getLastModifiedTime(marker)
                    .compareTo(Files.getLastModifiedTime(folder.resolve("package-lock.json"))) < 0) {
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(folder.toFile())
                        .redirectErrorStream(true).start();
                npm.getOutputStream().close();
                String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (npm.waitFor() != 0) {
                    fail("npm ci in " + folder + " failed:\n" + output);
                }
            }
        } catch (IOException e) {
            fail("npm ci in " + folder + " could not run (is npm installed?): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted during npm ci");
        }
        installed = true;
    }

    private static CompletableFuture<String> drain(java.io.InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(e);
            }
        });
        return text;
    }
}
