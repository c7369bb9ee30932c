package dev.overtime.platform.cli;

import dev.overtime.platform.security.sigv4.RequestSigner;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** The HTTP side of commands that talk to a running platform ({@code --endpoint}). */
final class PlatformClient {

    private final URI base;
    private final String unreachableHint;
    private final RequestSigner.Credentials credentials;
    private final String region;
    private final RequestSigner signer = new RequestSigner();

    /** @param unreachableHint appended to the message when nothing listens at {@code base}, e.g. " (or ...)" */
    PlatformClient(URI base, String unreachableHint) {
        this(base, unreachableHint, System.getenv());
    }

    PlatformClient(URI base) {
        this(base, "");
    }

    /**
     * With {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} (and {@code AWS_SESSION_TOKEN}) in
     * {@code environment}, every request is signed for {@code AWS_REGION} (default {@code us-east-1}), as a
     * platform running {@code serve --auth iam} requires; without them requests go unsigned.
     */
    PlatformClient(URI base, String unreachableHint, Map<String, String> environment) {
        this.base = base;
        this.unreachableHint = unreachableHint;
        String key = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        this.credentials = key == null || secret == null ? null
                : new RequestSigner.Credentials(key, secret, environment.get("AWS_SESSION_TOKEN"));
        this.region = environment.getOrDefault("AWS_REGION", environment.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
    }

    /** {@code path} under the endpoint; its parts must already be {@link #encode encoded}. */
    URI uri(String path) {
        return URI.create(base.toString().replaceAll("/+$", "") + path);
    }

    static String encode(String pathPart) {
        return URLEncoder.encode(pathPart, StandardCharsets.UTF_8);
    }

    /** Sends {@code method uri} with {@code body} and {@code headers}, signed when there are credentials. */
    HttpResponse<byte[]> send(String method, URI uri, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body.length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        if (credentials != null) {
            signer.sign(method, uri, headers, body, credentials, region, "lambda", Instant.now())
                    .forEach(request::header);
        }
        return send(request.build());
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new CliFailure("cannot reach Overtime at " + base + ": is 'overtime serve' running?"
                    + unreachableHint);
        }
    }

    /** The body of a successful response; any error response becomes an {@link ApiFailure}. */
    static String successBody(HttpResponse<byte[]> response) {
        ApiFailure error = apiError(response);
        if (error != null) {
            throw error;
        }
        if (response.statusCode() >= 300) {
            // No Lambda error type: something else answered, or an Overtime without this route.
            String message = ApiMessage.of(text(response)).strip().lines().findFirst().orElse("");
            throw new ApiFailure("HTTP " + response.statusCode() + " from " + response.uri()
                    + (message.isEmpty() ? "" : ": " + message));
        }
        return text(response);
    }

    /** A Lambda API error response as {@code ErrorType: message}, or {@code null} if the response is none. */
    static ApiFailure apiError(HttpResponse<byte[]> response) {
        String errorType = response.headers().firstValue("x-amzn-ErrorType").orElse(null);
        if (response.statusCode() < 300 || errorType == null) {
            return null;
        }
        return new ApiFailure(errorType + ": " + ApiMessage.of(text(response)));
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
