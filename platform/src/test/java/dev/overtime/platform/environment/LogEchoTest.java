package dev.overtime.platform.environment;

import dev.overtime.platform.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The console echo of function logs: whole lines, prefixed, in order, and the last partial line once the process ends. */
class LogEchoTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    @Test
    void echoesWholeLinesInOrder_andThePartialLastLineWhenTheProcessEnds() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Path log = Files.createFile(folder.resolve("env.log"));
        CompletableFuture<Void> ended = new CompletableFuture<>();
        String many = IntStream.range(0, 20_000).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
        try (LogEcho echo = new LogEcho(new PrintStream(console, false, StandardCharsets.UTF_8))) {
            echo.follow("fn", log, ended);
            byte[] umlaut = "\u00fc".getBytes(StandardCharsets.UTF_8);
            append(log, (many + "half a line, then ").getBytes(StandardCharsets.UTF_8));
            append(log, new byte[]{umlaut[0]});
            Eventually.await("20,000 lines echoed", WAIT, () -> text(console).contains("[fn] line 19999"));
            assertThat(text(console)).doesNotContain("half");

            append(log, new byte[]{umlaut[1]});
            append(log, "\nno newline at the end".getBytes(StandardCharsets.UTF_8));
            ended.complete(null);

            Eventually.await("the last partial line echoed", WAIT, () -> text(console).contains("no newline"));
        }
        String expected = IntStream.range(0, 20_000).mapToObj(i -> "[fn] line " + i + System.lineSeparator())
                .collect(Collectors.joining())
                + "[fn] half a line, then \u00fc" + System.lineSeparator()
                + "[fn] no newline at the end" + System.lineSeparator();
        assertThat(text(console)).isEqualTo(expected);
    }

    private static void append(Path file, byte[] bytes) throws Exception {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    private static String text(ByteArrayOutputStream console) {
        return console.toString(StandardCharsets.UTF_8);
    }
}
