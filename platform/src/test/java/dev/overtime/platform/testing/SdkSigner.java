package dev.overtime.platform.testing;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Requests signed by the AWS SDK's own SigV4 signer ({@code AwsV4HttpSigner}), sent with the JDK's
 * HTTP client: presigned URLs, aws-chunked payloads and signatures from another clock, which the
 * service clients do not make on their own.
 */
public final class SdkSigner {

    /** Headers the JDK client sets itself; it sends the same values the signer saw. */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length", "connection");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();

    private final AwsCredentialsIdentity identity;
    private final String service;

    public SdkSigner(AwsCredentialsIdentity identity, String service) {
        this.identity = identity;
        this.service = service;
    }

    /** Signs {@code method uri} with {@code body}; {@code options} adds signer properties (presigning, clock...). */
    public HttpRequest sign(String method, URI uri, String body, Map<String, String> headers,
                            Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        SignedRequest signed = signed(method, uri, payload, headers, options);
        byte[] sent = signed.payload().map(SdkSigner::bytes).orElse(payload);
        HttpRequest.Builder out = HttpRequest.newBuilder(signed.request().getUri()).timeout(Duration.ofSeconds(60))
                .method(method, sent.length == 0 && method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(sent));
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            if (!SET_BY_CLIENT.contains(header.getKey().toLowerCase())) {
                header.getValue().forEach(value -> out.header(header.getKey(), value));
            }
        }
        return out.build();
    }

    /**
     * The headers of {@code method uri} with {@code body} once signed, {@code host} included and names lower-cased:
     * what an AppSync real-time client sends inside its messages instead of on a request.
     */
    public Map<String, String> signedHeaders(String method, URI uri, String body, Map<String, String> headers) {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> signed = new LinkedHashMap<>();
        signed(method, uri, payload, headers, r -> { }).request().forEachHeader((name, values) ->
                signed.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        signed.putIfAbsent("host", uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        return signed;
    }

    private SignedRequest signed(String method, URI uri, byte[] payload, Map<String, String> headers,
                                 Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri)
                .putHeader("Content-Length", Integer.toString(payload.length));
        headers.forEach(request::putHeader);
        return AwsV4HttpSigner.create().sign(r -> {
            r.identity(identity).request(request.build()).payload(ContentStreamProvider.fromByteArray(payload))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1");
            options.accept(r);
        });
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Presigning options: the signature in the query string, good for {@code expiry}. */
    public static Consumer<SignRequest.Builder<AwsCredentialsIdentity>> presigned(Duration expiry, Clock clock) {
        return r -> r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expiry)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock);
    }

    private static byte[] bytes(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
