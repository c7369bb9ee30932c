package dev.overtime.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.cli.OvertimeCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code overtime serve} in a JVM of its own, for tests that kill the platform. On a free port: the
 * endpoint is read from the banner. {@link #close()} ends it and every process it started, so a
 * failed test leaves nothing running.
 */
public final class ServedPlatform implements AutoCloseable {

    private static final Pattern ENDPOINT = Pattern.compile("serving .* on (http://\\S+) ");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI endpoint;
    private List<ProcessHandle> started = List.of();

    private ServedPlatform(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Serves {@code template} on {@code data}; its output goes to {@code logs}/{@code name}.out and .err. */
    public static ServedPlatform start(Path template, Path data, Path logs, String name) throws IOException {
        return start(template, data, logs, name, List.of());
    }

    /** As {@link #start(Path, Path, Path, String)}, with more options for {@code serve} (e.g. {@code --store}). */
    public static ServedPlatform start(Path template, Path data, Path logs, String name, List<String> options)
            throws IOException {
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        List<String> command = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), OvertimeCommand.class.getName(), "serve",
                "--template", template.toString(), "--port", "0", "--data", data.toString(), "--quiet"));
        command.addAll(options);
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            Eventually.await("the " + name + " platform printed its endpoint", Duration.ofSeconds(90),
                    () -> !process.isAlive() || ENDPOINT.matcher(read(out)).find());
            assertThat(process.isAlive()).as("the %s platform is running; stderr: %s", name, read(err)).isTrue();
        } catch (AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
        Matcher m = ENDPOINT.matcher(read(out));
        assertThat(m.find()).isTrue();
        return new ServedPlatform(process, URI.create(m.group(1)));
    }

    /** The Lambda API endpoint the platform printed in its banner. */
    public URI endpoint() {
        return endpoint;
    }

    public Process process() {
        return process;
    }

    /** Invokes {@code function} and returns its answer; fails on a function error. */
    public JsonNode invoke(String function, String payload) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/2015-03-31/functions/"
                        + function + "/invocations")).POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Amz-Function-Error")).as(r.body()).isEmpty();
        return JSON.readTree(r.body());
    }

    /** The processes the platform has started and that still run: what {@link #close()} will end. */
    public List<ProcessHandle> descendants() {
        started = process.descendants().toList();
        return started;
    }

    /** SIGKILLs the platform and whatever it started that is still seen or was seen by {@link #descendants()}. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> all = new java.util.ArrayList<>(started);
        all.addAll(process.descendants().toList());
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        all.forEach(ProcessHandle::destroyForcibly);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
