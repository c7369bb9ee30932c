package dev.overtime.lambda.appsync;

import dev.overtime.lambda.PlainJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Publishes streams of chunks to a GraphQL API with a plain mutation over HTTP, as any AppSync client
 * would: subscribers with {@code @aws_subscribe} on that mutation receive each chunk.
 *
 * <pre>{@code
 * ChunkPublisher publisher = ChunkPublisher.fromEnvironment();   // GRAPHQL_URL + GRAPHQL_API_KEY, or SigV4
 * ChunkStream answer = publisher.stream(conversationId);
 * for (String token : tokens) {
 *     answer.send(token);                                       // seq 1, 2, 3, ...
 * }
 * answer.finish();                                              // the last chunk, done: true
 * }</pre>
 *
 * <p>Each chunk is one request, sent only after the previous one was answered, so chunks reach the
 * API in order. A connection error, a 5xx or a 429 is retried with exponential backoff and jitter; any
 * other 4xx, or a GraphQL error in a 200 answer, throws {@link PublishException} at once with the API's
 * message. A retried chunk may reach the API twice if the first answer was lost; subscribers can drop
 * the repeat by its {@code seq}.
 *
 * <p>By default the mutation is the chat example's {@link #DEFAULT_MUTATION}; {@link Builder#mutation}
 * fits any other schema. A publisher is safe to share between threads; a {@link ChunkStream} is not.
 */
public final class ChunkPublisher {

    /** The chat example's publish mutation: variables {@code conversationId}, {@code seq}, {@code text}, {@code done}. */
    public static final String DEFAULT_MUTATION = "mutation PublishChunk($conversationId: ID!, $seq: Int!,"
            + " $text: String!, $done: Boolean!) {"
            + " publishChunk(conversationId: $conversationId, seq: $seq, text: $text, done: $done)"
            + " { conversationId seq text done } }";

    /** The variables of {@link #DEFAULT_MUTATION} for one chunk. */
    public static Map<String, Object> defaultVariables(Chunk chunk) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("conversationId", chunk.streamId());
        variables.put("seq", chunk.seq());
        variables.put("text", chunk.text());
        variables.put("done", chunk.done());
        return variables;
    }

    private final URI url;
    private final String apiKey;
    private final SigV4Signer signer;
    private final String mutation;
    private final Function<Chunk, Map<String, Object>> variables;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Duration requestTimeout;
    private final HttpClient http;

    private ChunkPublisher(Builder b) {
        this.url = b.url;
        this.apiKey = b.apiKey;
        this.signer = b.signer;
        this.mutation = b.mutation;
        this.variables = b.variables;
        this.maxAttempts = b.maxAttempts;
        this.firstBackoff = b.firstBackoff;
        this.maxBackoff = b.maxBackoff;
        this.requestTimeout = b.requestTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.connectTimeout)
                .build();
    }

    /** A publisher to the API at {@code graphqlUrl} (its {@code /graphql} endpoint); choose the auth next. */
    public static Builder builder(URI graphqlUrl) {
        return new Builder(graphqlUrl);
    }

    /**
     * A publisher configured from the environment: the API at {@code GRAPHQL_URL}, with the key in
     * {@code GRAPHQL_API_KEY}, or else signed with SigV4 from {@code AWS_ACCESS_KEY_ID},
     * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN} and {@code AWS_REGION}, as a function's
     * role credentials arrive on Lambda.
     *
     * @throws IllegalStateException naming what is missing
     */
    public static ChunkPublisher fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The same as {@link #fromEnvironment()}, from the variables in {@code env}. */
    public static ChunkPublisher fromEnvironment(Map<String, String> env) {
        String url = blankToNull(env.get("GRAPHQL_URL"));
        if (url == null) {
            throw new IllegalStateException("GRAPHQL_URL is not set: give the function the API's URL, e.g."
                    + " GRAPHQL_URL: !GetAtt MyApi.GraphQLUrl");
        }
        Builder builder = builder(URI.create(url));
        String key = blankToNull(env.get("GRAPHQL_API_KEY"));
        if (key != null) {
            return builder.apiKey(key).build();
        }
        String accessKey = blankToNull(env.get("AWS_ACCESS_KEY_ID"));
        String secretKey = blankToNull(env.get("AWS_SECRET_ACCESS_KEY"));
        String region = blankToNull(env.get("AWS_REGION"));
        if (accessKey == null || secretKey == null || region == null) {
            throw new IllegalStateException("Neither GRAPHQL_API_KEY nor AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY"
                    + " and AWS_REGION are set: ChunkPublisher needs the API's key or credentials to sign with");
        }
        return builder.sigV4(accessKey, secretKey, blankToNull(env.get("AWS_SESSION_TOKEN")), region).build();
    }

    /** A new stream whose chunks carry {@code streamId} and count from seq 1. */
    public ChunkStream stream(String streamId) {
        return new ChunkStream(this, streamId);
    }

    /**
     * Publishes one chunk, retrying as the class describes, and returns the mutation's {@code data}.
     *
     * @throws PublishException when the API refused it or the retries ran out
     */
    public Map<String, Object> publish(Chunk chunk) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", mutation);
        body.put("variables", variables.apply(chunk));
        byte[] json = PlainJson.write(body).getBytes(StandardCharsets.UTF_8);
        String what = "chunk " + chunk.seq() + " of " + chunk.streamId();
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            Attempt outcome = send(json, what);
            if (outcome.data != null) {
                return outcome.data;
            }
            if (!outcome.retryable || attempt >= maxAttempts) {
                String message = outcome.retryable
                        ? "Publishing " + what + " failed after " + attempt + " attempts: " + outcome.message
                        : "Publishing " + what + " was refused: " + outcome.message;
                throw new PublishException(message, outcome.status, outcome.errorType, outcome.cause);
            }
            pause(backoff, what);
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }

    private Attempt send(byte[] json, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        if (apiKey != null) {
            request.header("x-api-key", apiKey);
        } else {
            SigV4Signer.Signature s = signer.sign("POST", url, Map.of("content-type", "application/json"), json,
                    Instant.now());
            request.header("X-Amz-Date", s.amzDate()).header("Authorization", s.authorization());
            if (s.securityToken() != null) {
                request.header("X-Amz-Security-Token", s.securityToken());
            }
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Attempt.failed(0, null, "cannot reach " + url + ": " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("Interrupted while publishing " + what, 0, null, e);
        }
        return Attempt.of(response.statusCode(), response.body());
    }

    private static void pause(Duration backoff, String what) {
        long half = Math.max(1, backoff.toMillis() / 2);
        try {
            Thread.sleep(half + ThreadLocalRandom.current().nextLong(half + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("Interrupted while waiting to retry " + what, 0, null, e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** What one request came to: {@code data} when it succeeded, else why not and whether to try again. */
    private static final class Attempt {
        final Map<String, Object> data;
        final int status;
        final String errorType;
        final String message;
        final boolean retryable;
        final Throwable cause;

        private Attempt(Map<String, Object> data, int status, String errorType, String message, boolean retryable,
                        Throwable cause) {
            this.data = data;
            this.status = status;
            this.errorType = errorType;
            this.message = message;
            this.retryable = retryable;
            this.cause = cause;
        }

        static Attempt failed(int status, String errorType, String message, boolean retryable, Throwable cause) {
            return new Attempt(null, status, errorType, message, retryable, cause);
        }

        static Attempt of(int status, String body) {
            Object parsed;
            try {
                parsed = body == null || body.isBlank() ? null : PlainJson.parse(body);
            } catch (IllegalArgumentException notJson) {
                parsed = null;
            }
            Map<?, ?> doc = parsed instanceof Map ? (Map<?, ?>) parsed : Map.of();
            Object errors = doc.get("errors");
            Map<?, ?> firstError = errors instanceof List && !((List<?>) errors).isEmpty()
                    && ((List<?>) errors).get(0) instanceof Map ? (Map<?, ?>) ((List<?>) errors).get(0) : null;
            String errorType = firstError == null ? null : stringOrNull(firstError.get("errorType"));
            boolean retryable = status >= 500 || status == 429;
            if (status != 200) {
                String detail = firstError != null ? describe(firstError, errorType) : abbreviate(body);
                return failed(status, errorType, "HTTP " + status + (detail.isEmpty() ? "" : " " + detail), retryable,
                        null);
            }
            if (firstError != null) {
                return failed(status, errorType, describe(firstError, errorType), false, null);
            }
            if (!(doc.get("data") instanceof Map)) {
                return failed(status, null, "the answer has no data: " + abbreviate(body), false, null);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) doc.get("data");
            return new Attempt(data, status, null, null, false, null);
        }

        private static String describe(Map<?, ?> error, String errorType) {
            String message = stringOrNull(error.get("message"));
            return (errorType == null ? "" : errorType + ": ") + (message == null ? error.toString() : message);
        }

        private static String stringOrNull(Object o) {
            return o == null ? null : o.toString();
        }

        private static String abbreviate(String body) {
            if (body == null) {
                return "";
            }
            String trimmed = body.strip();
            return trimmed.length() > 300 ? trimmed.substring(0, 300) + "..." : trimmed;
        }
    }

    /** Configures a {@link ChunkPublisher}; exactly one of {@link #apiKey} and {@link #sigV4} is required. */
    public static final class Builder {
        private final URI url;
        private String apiKey;
        private SigV4Signer signer;
        private String mutation = DEFAULT_MUTATION;
        private Function<Chunk, Map<String, Object>> variables = ChunkPublisher::defaultVariables;
        private int maxAttempts = 6;
        private Duration firstBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(3);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(15);

        private Builder(URI url) {
            Objects.requireNonNull(url, "graphqlUrl");
            String scheme = url.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || url.getHost() == null) {
                throw new IllegalArgumentException("The GraphQL URL must be http:// or https:// with a host, got " + url);
            }
            this.url = url;
        }

        /** Authenticates with the API's key, sent as {@code x-api-key}. */
        public Builder apiKey(String key) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("the API key is empty");
            }
            this.apiKey = key;
            this.signer = null;
            return this;
        }

        /** Signs each request with SigV4 for service {@code appsync}; {@code sessionToken} may be null. */
        public Builder sigV4(String accessKeyId, String secretAccessKey, String sessionToken, String region) {
            this.signer = new SigV4Signer(new SigV4Signer.Credentials(accessKeyId, secretAccessKey, sessionToken),
                    Objects.requireNonNull(region, "region"), "appsync");
            this.apiKey = null;
            return this;
        }

        /**
         * The mutation to publish with, and how one chunk becomes its variables, e.g.
         * {@code c -> Map.of("id", c.streamId(), "index", c.seq(), "delta", c.text(), "last", c.done())}.
         */
        public Builder mutation(String text, Function<Chunk, Map<String, Object>> variables) {
            if (text == null || !text.strip().startsWith("mutation")) {
                throw new IllegalArgumentException("expected a GraphQL mutation, got: " + text);
            }
            this.mutation = text;
            this.variables = Objects.requireNonNull(variables, "variables");
            return this;
        }

        /**
         * Attempts per chunk (at least 1) and the backoff between them: {@code first}, doubling up to
         * {@code max}, each wait jittered between half and all of it.
         */
        public Builder retries(int maxAttempts, Duration first, Duration max) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            this.firstBackoff = Objects.requireNonNull(first, "first");
            this.maxBackoff = Objects.requireNonNull(max, "max");
            return this;
        }

        /** How long to wait for a connection, and for each answer. */
        public Builder timeouts(Duration connect, Duration request) {
            this.connectTimeout = Objects.requireNonNull(connect, "connect");
            this.requestTimeout = Objects.requireNonNull(request, "request");
            return this;
        }

        public ChunkPublisher build() {
            if (apiKey == null && signer == null) {
                throw new IllegalStateException("Choose how to authenticate: apiKey(...) or sigV4(...)");
            }
            return new ChunkPublisher(this);
        }
    }
}
