package dev.overtime.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /2015-03-31/functions/{name}/invocations} with {@code X-Amz-Invocation-Type: Event},
 * unsigned: for a Lambda API that needs no SigV4, such as Overtime's. Plain HTTP goes over the
 * runtime's own {@link HttpConnection}, which costs no class loading; HTTPS over {@code java.net.http}.
 */
final class EventInvoker {

    private static final String USER_AGENT = "overtime-runtime-java/" + System.getProperty("java.version");

    private EventInvoker() {
    }

    static String invoke(String endpoint, String functionName, byte[] payload) {
        URI base = URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
        String path = (base.getRawPath() == null ? "" : base.getRawPath()) + "/2015-03-31/functions/"
                + URLEncoder.encode(functionName, StandardCharsets.UTF_8) + "/invocations";
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(java.util.Locale.ROOT);
        try {
            if (scheme.equals("http")) {
                return overHttp(base.getRawAuthority(), path, functionName, payload);
            }
            if (scheme.equals("https")) {
                return Https.invoke(base.resolve(path), functionName, payload);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Event invoke of " + functionName + " at " + endpoint + " failed: "
                    + e.getMessage(), e);
        }
        throw new IllegalArgumentException("Lambda endpoint " + endpoint + " is neither http:// nor https://");
    }

    private static String overHttp(String authority, String path, String functionName, byte[] payload)
            throws IOException {
        HttpConnection http = new HttpConnection(authority);
        try {
            String[] headers = {
                "User-Agent", USER_AGENT,
                "Content-Type", "application/json",
                "X-Amz-Invocation-Type", "Event",
            };
            HttpConnection.Response r = http.send("POST", path, headers, payload, 0, payload.length);
            return accepted(functionName, r.status, r.bodyText(), r.header("X-Amzn-RequestId"));
        } finally {
            http.close();
        }
    }

    static String accepted(String functionName, int status, String body, String requestId) {
        if (status != 202) {
            throw new IllegalStateException("Event invoke of " + functionName + " was refused: HTTP " + status
                    + (body == null || body.isEmpty() ? "" : " " + body));
        }
        return requestId;
    }

    /** Separate, so that plain-HTTP hand-offs never load {@code java.net.http}. */
    private static final class Https {
        static String invoke(URI uri, String functionName, byte[] payload) throws IOException {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(uri)
                    .header("User-Agent", USER_AGENT)
                    .header("Content-Type", "application/json")
                    .header("X-Amz-Invocation-Type", "Event")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(payload))
                    .build();
            try {
                java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                        .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
                return accepted(functionName, r.statusCode(), r.body(),
                        r.headers().firstValue("X-Amzn-RequestId").orElse(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }
}
