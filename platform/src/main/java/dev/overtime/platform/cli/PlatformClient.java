package dev.overtime.platform.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** The HTTP side of commands that talk to a running platform ({@code --endpoint}). */
final class PlatformClient {

    private final URI base;
    private final String unreachableHint;

    /** @param unreachableHint appended to the message when nothing listens at {@code base}, e.g. " (or ...)" */
    PlatformClient(URI base, String unreachableHint) {
        this.base = base;
        this.unreachableHint = unreachableHint;
    }

    PlatformClient(URI base) {
        this(base, "");
    }

    /** {@code path} under the endpoint; its parts must already be {@link #encode encoded}. */
    URI uri(String path) {
        return URI.create(base.toString().replaceAll("/+$", "") + path);
    }

    static String encode(String pathPart) {
        return URLEncoder.encode(pathPart, StandardCharsets.UTF_8);
    }

    HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
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
