package dev.overtime.platform.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.testfunctions.Greeter;
import dev.overtime.platform.testfunctions.SlowAppender;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.ServedPlatform;
import dev.overtime.platform.testing.PlatformHarness;
import dev.overtime.platform.testing.TestFunctions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Kills the platform process with SIGKILL while accepted events are queued and in flight, restarts it
 * on the same data folder, and checks that every event answered with 202 ran at least once.
 */
class PlatformCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 300;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();
    private final List<ProcessHandle> orphans = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final AtomicBoolean keepSending = new AtomicBoolean(true);

    @AfterEach
    void cleanUp() throws Exception {
        keepSending.set(false);
        for (Process child : children) {
            List<ProcessHandle> functions = child.descendants().toList();
            child.destroy();
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor();
            }
            functions.forEach(ProcessHandle::destroyForcibly);
        }
        orphans.forEach(ProcessHandle::destroyForcibly);
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    record Served(Process process, URI endpoint, LambdaClient lambda) {
    }

    @Test
    void everyAcceptedEventRunsAfterTheProcessIsKilledAndRestarted() throws Exception {
        Path sideEffects = dir.resolve("side-effects.log");
        Path template = writeTemplate(sideEffects);
        Path data = dir.resolve("data");

        Served first = serve(template, data, "first");
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        closeables.add(senders::shutdownNow);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String id = "e-" + i;
            statuses.add(senders.submit(() -> send(first.lambda(), id, accepted)));
        }
        for (Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(202);
        }
        assertThat(accepted).hasSize(EVENTS);

        // Keeps invoking through the kill: the requests cut off mid-way were never accepted.
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger lateAccepted = new AtomicInteger();
        Future<?> late = senders.submit(() -> {
            for (int i = 0; keepSending.get(); i++) {
                try {
                    if (send(first.lambda(), "late-" + i, accepted) == 202) {
                        lateAccepted.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    refused.incrementAndGet();
                }
            }
        });
        Eventually.await("some events ran and some were accepted late", Duration.ofSeconds(30),
                () -> lines(sideEffects).size() >= 10 && lateAccepted.get() >= 5);

        orphans.addAll(first.process().descendants().toList());
        first.process().destroyForcibly().waitFor();
        // The function processes die with it, as on a crashed machine: an orphan finishing its event
        // would write the side effect the restarted platform is meant to produce.
        orphans.forEach(ProcessHandle::destroyForcibly);
        Eventually.await("an invoke failed against the dead platform", Duration.ofSeconds(10),
                () -> refused.get() > 0);
        keepSending.set(false);
        late.get();

        Set<String> ranBeforeKill = new HashSet<>(lines(sideEffects));
        Map<String, List<String>> stored = storedAtKill(data);
        Set<String> queuedOrInFlight = new HashSet<>();
        stored.values().forEach(queuedOrInFlight::addAll);
        assertThat(accepted.stream().filter(id -> !ranBeforeKill.contains(id)))
                .as("accepted events that had not run at the kill").isNotEmpty();
        assertThat(accepted).as("every accepted event had run or was on disk at the kill")
                .allMatch(id -> ranBeforeKill.contains(id) || queuedOrInFlight.contains(id));

        Served second = serve(template, data, "second");
        Eventually.await("every accepted event ran", Duration.ofSeconds(120),
                () -> new HashSet<>(lines(sideEffects)).containsAll(accepted));
        Eventually.await("the queue is empty", Duration.ofSeconds(30),
                () -> counts(second.endpoint(), "crash").values().stream().allMatch(n -> n == 0));

        List<String> all = lines(sideEffects);
        int duplicates = all.size() - new HashSet<>(all).size();
        System.out.printf("crash test: %d accepted (%d after the first %d), %d ran before the kill, at the kill %s, "
                        + "%d invokes refused during the kill, %d runs in all, %d duplicates%n", accepted.size(),
                lateAccepted.get(), EVENTS, ranBeforeKill.size(), sizes(stored), refused.get(), all.size(),
                duplicates);
        assertThat(duplicates).isGreaterThanOrEqualTo(0);
    }

    @Test
    void malformedAndOversizedEventsAreRefusedAndNotStored() throws Exception {
        PlatformHarness harness = PlatformHarness.start(dir.resolve("data"),
                TestFunctions.java("greeter", Greeter.class));
        closeables.add(harness);

        assertThatThrownBy(() -> harness.lambda().invoke(r -> r.functionName("greeter")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("not json"))))
                .isInstanceOfSatisfying(InvalidRequestContentException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(400));
        String padding = "x".repeat(1024 * 1024 + 1 - "{\"pad\":\"\"}".length());
        SdkBytes oversized = SdkBytes.fromUtf8String("{\"pad\":\"" + padding + "\"}");
        assertThat(oversized.asByteArray()).hasSize(1024 * 1024 + 1);
        assertThatThrownBy(() -> harness.lambda().invoke(r -> r.functionName("greeter")
                .invocationType(InvocationType.EVENT).payload(oversized)))
                .isInstanceOfSatisfying(RequestTooLargeException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(413));

        JsonNode queue = JSON.readTree(get(URI.create(harness.endpoint() + "/overtime/functions/greeter/events")));
        assertThat(queue.get("Counts").properties()).isNotEmpty()
                .allSatisfy(count -> assertThat(count.getValue().asLong()).as(count.getKey()).isZero());
        assertThat(queue.get("Events")).isEmpty();
    }

    private Path writeTemplate(Path sideEffects) throws IOException {
        return Files.writeString(dir.resolve("template.yaml"), """
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Crash:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: crash
                      Runtime: java21
                      Handler: %s::handleRequest
                      CodeUri: %s
                      Timeout: 10
                      ReservedConcurrentExecutions: 2
                      Environment:
                        Variables:
                          SIDE_EFFECTS: %s
                """.formatted(SlowAppender.class.getName(), TestFunctions.testClasses(), sideEffects));
    }

    /**
     * Starts {@code overtime serve} in a child JVM. Port 0 and the endpoint from the banner avoid racing
     * another process for a port picked in advance.
     */
    private Served serve(Path template, Path data, String name) throws Exception {
        ServedPlatform served = ServedPlatform.start(template, data, dir, name);
        Process process = served.process();
        children.add(process);
        URI endpoint = served.endpoint();
        LambdaClient lambda = LambdaClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("overtime", "overtime")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        closeables.add(lambda);
        // ListFunctions is GET /2015-03-31/functions/, and warms up the SDK for the invokes.
        Eventually.await("the " + name + " platform answers", Duration.ofSeconds(30), () -> {
            try {
                return lambda.listFunctions().sdkHttpResponse().statusCode() == 200;
            } catch (SdkClientException e) {
                return false;
            }
        });
        return new Served(process, endpoint, lambda);
    }

    /** Sends one Event invoke; a 202 makes it accepted. */
    private static int send(LambdaClient lambda, String id, Set<String> accepted) {
        int status = lambda.invoke(r -> r.functionName("crash").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"id\":\"" + id + "\"}"))).statusCode();
        if (status == 202) {
            accepted.add(id);
        }
        return status;
    }

    /**
     * What the killed platform's store held, by state and event id, read from a copy so the restarted
     * platform still finds the files exactly as the kill left them.
     */
    private Map<String, List<String>> storedAtKill(Path data) throws Exception {
        Path copy = Files.createDirectories(dir.resolve("store-at-kill"));
        for (String file : List.of("events.db", "events.db-wal")) {
            Path source = data.resolve("async").resolve(file);
            if (Files.exists(source)) {
                Files.copy(source, copy.resolve(file));
            }
        }
        Map<String, List<String>> byState = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + copy.resolve("events.db"));
             Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT state, payload FROM events")) {
            while (rs.next()) {
                byState.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(JSON.readTree(rs.getBytes(2)).get("id").asText());
            }
        }
        return byState;
    }

    private static Map<String, Integer> sizes(Map<String, List<String>> byState) {
        Map<String, Integer> sizes = new TreeMap<>();
        byState.forEach((state, ids) -> sizes.put(state, ids.size()));
        return sizes;
    }

    private static Map<String, Long> counts(URI endpoint, String function) {
        try {
            JsonNode counts = JSON.readTree(get(endpoint.resolve("/overtime/functions/" + function + "/events")))
                    .get("Counts");
            Map<String, Long> out = new TreeMap<>();
            counts.properties().forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String get(URI uri) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
