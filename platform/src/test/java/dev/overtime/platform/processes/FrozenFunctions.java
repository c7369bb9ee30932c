package dev.overtime.platform.processes;

import dev.overtime.platform.testfunctions.BackgroundTicker;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.ProcessStat;
import dev.overtime.platform.testing.ServedPlatform;
import dev.overtime.platform.testing.TestFunctions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A template whose functions freeze ({@code serve}'s default): {@code ticker}, a Java function, and
 * {@code shell}, a bootstrap script with a child of its own ({@code sleep}) and an external extension.
 * Both answer with their runtime's pid.
 */
final class FrozenFunctions {

    static final List<String> ALL = List.of("ticker", "shell");

    private static final String SHELL = """
            sleep 600 &
            """ + TestFunctions.loop("""
              curl -sS -X POST "$API/invocation/$ID/response" -d "{\\"pid\\":$$}" >/dev/null
            """);

    private static final String EXTENSION = """
            #!/usr/bin/env bash
            set -u
            EXT="http://${AWS_LAMBDA_RUNTIME_API}/2020-01-01/extension"
            HEADERS=$(mktemp)
            curl -sS -D "$HEADERS" -o /dev/null -X POST "$EXT/register" \\
              -H "Lambda-Extension-Name: $(basename "$0")" -d '{"events":["INVOKE"]}'
            ID=$(grep -i '^lambda-extension-identifier:' "$HEADERS" | tr -d '\\r' | cut -d' ' -f2)
            while true; do
              curl -sS -o /dev/null "$EXT/event/next" -H "Lambda-Extension-Identifier: $ID" || exit 2
            done
            """;

    private FrozenFunctions() {
    }

    /** Writes the template, and the shell function's code, into {@code dir}. */
    static Path template(Path dir, List<String> functions) {
        StringBuilder resources = new StringBuilder();
        if (functions.contains("ticker")) {
            resources.append("""
                      Ticker:
                        Type: AWS::Serverless::Function
                        Properties:
                          FunctionName: ticker
                          Runtime: java21
                          Handler: %s::handleRequest
                          CodeUri: %s
                    """.formatted(BackgroundTicker.class.getName(), TestFunctions.testClasses()));
        }
        if (functions.contains("shell")) {
            Path code = TestFunctions.bootstrap(dir, "shell", SHELL, Duration.ofSeconds(10), null).code();
            executable(code.resolve("extensions").resolve("listener"), EXTENSION);
            resources.append("""
                      Shell:
                        Type: AWS::Serverless::Function
                        Properties:
                          FunctionName: shell
                          Runtime: provided.al2023
                          CodeUri: %s
                    """.formatted(code));
        }
        try {
            return Files.writeString(dir.resolve("template.yaml"), """
                    AWSTemplateFormatVersion: '2010-09-09'
                    Transform: AWS::Serverless-2016-10-31
                    Resources:
                    """ + resources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Invokes each function, then waits until every process the platform started is stopped (frozen)
     * except its watchdog, and returns them with their start times.
     */
    static List<ProcessStat> invokeAndAwaitFrozen(ServedPlatform platform, List<String> functions) throws Exception {
        List<Long> runtimes = new ArrayList<>();
        for (String function : functions) {
            runtimes.add(platform.invoke(function, "{}").get("pid").asLong());
        }
        AtomicReference<List<ProcessStat>> frozen = new AtomicReference<>();
        Eventually.await("every function process is stopped", Duration.ofSeconds(30), () -> {
            List<ProcessStat> all = platform.descendants().stream().filter(p -> !isWatchdog(p))
                    .flatMap(p -> ProcessStat.of(p.pid()).stream()).toList();
            frozen.set(all);
            return all.stream().map(ProcessStat::pid).toList().containsAll(runtimes)
                    && all.stream().allMatch(p -> p.state() == 'T');
        });
        return frozen.get();
    }

    static boolean isWatchdog(ProcessHandle p) {
        return p.info().arguments().map(args -> List.of(args).contains(Watchdog.NAME)).orElse(false);
    }

    private static void executable(Path file, String script) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, script);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
