package dev.overtime.platform.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.testing.Eventually;
import dev.overtime.platform.testing.ServedPlatform;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

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
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code overtime serve --store postgresql://...} process of a test cluster, with a real AWS SDK
 * client that does not retry, and a Node function ({@link #template}) that appends each event's
 * request id to a file: the side effect the tests count.
 */
final class ClusterNode implements AutoCloseable {

    static final String FUNCTION = "drain";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ServedPlatform served;
    private final LambdaClient lambda;
    private final String id;

    private ClusterNode(ServedPlatform served, LambdaClient lambda, String id) {
        this.served = served;
        this.lambda = lambda;
        this.id = id;
    }

    /**
     * A template whose {@code drain} function (Node, 3 environments per node) waits for {@code gate} to
     * exist, then appends its request id to {@code sideEffects}.
     */
    static Path template(Path dir, Path sideEffects, Path gate) throws IOException {
        Path code = Files.createDirectories(dir.resolve("drain-code"));
        Files.writeString(code.resolve("index.mjs"), """
                import { appendFileSync, existsSync } from 'node:fs';
                export const handler = async (event, context) => {
                  while (!existsSync(process.env.GATE)) await new Promise(r => setTimeout(r, 20));
                  appendFileSync(process.env.SIDE_EFFECTS, context.awsRequestId + '\\n');
                  return {};
                };
                """);
        return Files.writeString(dir.resolve("template.yaml"), """
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Drain:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: %s
                      Runtime: nodejs20.x
                      Handler: index.handler
                      CodeUri: %s
                      Timeout: 60
                      ReservedConcurrentExecutions: 3
                      Environment:
                        Variables:
                          SIDE_EFFECTS: %s
                          GATE: %s
                """.formatted(FUNCTION, code, sideEffects, gate));
    }

    static ClusterNode start(Path template, Path dir, String name, String store, Duration lease) throws Exception {
        ServedPlatform served = ServedPlatform.start(template, dir.resolve(name), dir, name,
                List.of("--store", store, "--lease", lease.toSeconds() + "s"));
        LambdaClient lambda = LambdaClient.builder()
                .endpointOverride(served.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("overtime", "overtime")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        try {
            Eventually.await("the " + name + " node answers", Duration.ofSeconds(60), () -> {
                try {
                    return lambda.listFunctions().sdkHttpResponse().statusCode() == 200;
                } catch (SdkClientException e) {
                    return false;
                }
            });
            JsonNode health = JSON.readTree(get(served.endpoint().resolve(HealthApi.PATH), 200));
            return new ClusterNode(served, lambda, health.get("Node").asText());
        } catch (RuntimeException | AssertionError e) {
            lambda.close();
            served.close();
            throw e;
        }
    }

    /** Sends one Event invoke of {@code payload}; returns the response (202 with the request id, or throws). */
    InvokeResponse send(String payload) {
        return lambda.invoke(r -> r.functionName(FUNCTION).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload)));
    }

    String id() {
        return id;
    }

    URI endpoint() {
        return served.endpoint();
    }

    ServedPlatform served() {
        return served;
    }

    /** The function's queue as this node reports it: counts by state. */
    Map<String, Long> counts() {
        try {
            JsonNode counts = JSON.readTree(get(endpoint().resolve("/overtime/functions/" + FUNCTION + "/events"), 200))
                    .get("Counts");
            Map<String, Long> out = new TreeMap<>();
            counts.properties().forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode health() throws IOException {
        return JSON.readTree(get(endpoint().resolve(HealthApi.PATH), -1));
    }

    static String get(URI uri, int expectedStatus) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (expectedStatus > 0 && response.statusCode() != expectedStatus) {
                throw new AssertionError("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static List<String> lines(Path file) {
        try {
            // A line still being appended is not a whole request id yet.
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> l.length() == 36).toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        lambda.close();
        served.close();
    }
}
