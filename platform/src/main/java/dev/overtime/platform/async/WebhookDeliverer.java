package dev.overtime.platform.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * POSTs destination records to an HTTP webhook, in the style of OpenFaaS callbacks: the body is the
 * record, and headers say which call it answers ({@code X-Call-Id}), from which function
 * ({@code X-Function-Name}), how it ended ({@code X-Function-Status}: 200 or 500) and AWS's condition
 * ({@code X-Overtime-Condition}). Any 2xx is delivered; anything else is retried with backoff.
 */
final class WebhookDeliverer implements Deliverer {

    private static final int CONCURRENCY = 4;

    private final HttpClient client;
    private final ObjectMapper json;
    private final URI url;

    WebhookDeliverer(HttpClient client, ObjectMapper json, String url) {
        this.client = client;
        this.json = json;
        this.url = URI.create(url);
    }

    @Override
    public CompletableFuture<AttemptResult> attempt(QueuedEvent event) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(event.payload()));
        describe(event, request);
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    if (failure != null) {
                        return new AttemptResult.Deferred("webhook unreachable: " + rootMessage(failure));
                    }
                    if (response.statusCode() / 100 == 2) {
                        return new AttemptResult.Succeeded(new byte[0], null);
                    }
                    return new AttemptResult.Deferred("webhook answered HTTP " + response.statusCode());
                });
    }

    private void describe(QueuedEvent event, HttpRequest.Builder request) {
        try {
            JsonNode context = json.readTree(event.payload()).path("requestContext");
            String condition = context.path("condition").asText("");
            String arn = context.path("functionArn").asText("");
            String[] arnParts = arn.split(":");
            request.header("X-Call-Id", context.path("requestId").asText(event.id()));
            request.header("X-Function-Status", condition.equals(DestinationRecord.SUCCESS) ? "200" : "500");
            request.header("X-Overtime-Condition", condition);
            if (arnParts.length >= 7) {
                request.header("X-Function-Name", arnParts[6]);
            }
        } catch (IOException | IllegalArgumentException e) {
            request.header("X-Call-Id", event.id());
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public int concurrency() {
        return CONCURRENCY;
    }
}
