package dev.overtime.platform.testing;

import dev.overtime.platform.function.FunctionDefinition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

/** Function definitions for tests: Java handlers from this module's test classes, and shell bootstraps. */
public final class TestFunctions {
    private TestFunctions() {
    }

    /** The compiled test classes: a task root like an unpacked Java deployment package. */
    public static Path testClasses() {
        try {
            return Path.of(TestFunctions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static FunctionDefinition java(String name, Class<?> handler) {
        return java(name, handler.getName(), Duration.ofSeconds(10), null, Map.of());
    }

    public static FunctionDefinition java(String name, String handler, Duration timeout, Integer reserved,
                                          Map<String, String> env) {
        return new FunctionDefinition(name, name, "java21", handler, testClasses(), timeout, 256, env, reserved, "");
    }

    /** A {@code provided.al2023} function whose bootstrap is the given bash script body. */
    public static FunctionDefinition bootstrap(Path dir, String name, String script, Duration timeout, Integer reserved) {
        try {
            Path code = Files.createDirectories(dir.resolve(name));
            Path bootstrap = code.resolve("bootstrap");
            Files.writeString(bootstrap, "#!/usr/bin/env bash\nset -u\nAPI=\"http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime\"\n" + script);
            Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new FunctionDefinition(name, name, "provided.al2023", null, code, timeout, 128, Map.of(), reserved, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bootstrap body that answers every event with {@code {"ok":true}}. */
    public static final String ANSWERS_OK = loop("""
              curl -sS -X POST "$API/invocation/$ID/response" -d '{"ok":true}' >/dev/null
            """);

    /** A bash loop that reads each event and lets {@code onEvent} answer it; {@code $ID} and {@code $EVENT} are set. */
    public static String loop(String onEvent) {
        return """
                while true; do
                  HEADERS=$(mktemp)
                  EVENT=$(curl -sS -D "$HEADERS" "$API/invocation/next")
                  ID=$(grep -i '^lambda-runtime-aws-request-id:' "$HEADERS" | tr -d '\\r' | cut -d' ' -f2)
                """ + onEvent + "\ndone\n";
    }
}
