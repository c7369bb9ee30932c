package dev.overtime.platform.async.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.async.AsyncInvocations;
import dev.overtime.platform.async.EventState;
import dev.overtime.platform.async.QueuedEvent;
import dev.overtime.platform.http.Responses;
import dev.overtime.platform.invoke.ApiError;
import dev.overtime.platform.invoke.ApiErrors;
import dev.overtime.platform.invoke.FunctionLookup;
import dev.overtime.platform.invoke.LambdaApiException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Overtime's own API over the event queue: what is queued, in flight, retrying and dead, and redrive.
 * <pre>
 * GET  /overtime/functions/{name}/events[?state=dead&amp;limit=100]   counts and events, oldest first
 * GET  /overtime/functions/{name}/events/{id}                     one event, with its payload
 * POST /overtime/functions/{name}/events/{id}/redrive             one dead event back in the queue
 * POST /overtime/functions/{name}/events/redrive                  every dead event back in the queue
 * </pre>
 * A function's events are listed whatever qualifier each was invoked with; each says its
 * {@code Qualifier} (absent when the caller named none) and, once an attempt ran, the
 * {@code ExecutedVersion} of the last one. The same routes under
 * {@code /overtime/webhooks/events?url=URL} show deliveries to a webhook.
 */
public final class EventQueueApi {

    private static final String FUNCTIONS = "/overtime/functions/";
    private static final String WEBHOOKS = "/overtime/webhooks/events";
    /** Events listed when the request gives no {@code limit}. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest {@code limit} a list accepts. */
    public static final int MAX_LIMIT = 10_000;

    private final AsyncInvocations async;
    private final FunctionLookup lookup;
    private final ObjectMapper json;

    public EventQueueApi(AsyncInvocations async, FunctionLookup lookup, ObjectMapper json) {
        this.async = async;
        this.lookup = lookup;
        this.json = json;
    }

    /** True if the request is for this API and was handled. */
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        boolean webhook = path.startsWith(WEBHOOKS);
        if (!webhook && !(path.startsWith(FUNCTIONS) && path.contains("/events"))) {
            return false;
        }
        try {
            Fields query = Request.extractQueryParameters(request);
            String target;
            String rest;
            if (webhook) {
                target = query.getValue("url");
                if (target == null || !QueuedEvent.isWebhook(target)) {
                    throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE,
                            "Give the webhook as ?url=http(s)://...");
                }
                rest = path.substring(WEBHOOKS.length());
            } else {
                String[] parts = path.substring(FUNCTIONS.length()).split("/", 2);
                target = lookup.find(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), null).name();
                rest = parts.length > 1 && (parts[1].equals("events") || parts[1].startsWith("events/"))
                        ? parts[1].substring("events".length()) : null;
                if (rest == null) {
                    throw unknown(request, path);
                }
            }
            route(target, rest, query, request, response, callback);
        } catch (LambdaApiException e) {
            ApiErrors.render(response, callback, e);
        }
        return true;
    }

    private void route(String target, String rest, Fields query, Request request, Response response,
                       Callback callback) throws LambdaApiException {
        String method = request.getMethod();
        String[] parts = rest.isEmpty() ? new String[0] : rest.substring(1).split("/", -1);
        if (parts.length == 0 && method.equals("GET")) {
            list(target, states(query.getValue("state")), limit(query.getValue("limit")), response, callback);
        } else if (parts.length == 1 && parts[0].equals("redrive") && method.equals("POST")) {
            redrive(target, null, response, callback);
        } else if (parts.length == 1 && method.equals("GET")) {
            show(target, parts[0], response, callback);
        } else if (parts.length == 2 && parts[1].equals("redrive") && method.equals("POST")) {
            redrive(target, parts[0], response, callback);
        } else {
            throw unknown(request, Request.getPathInContext(request));
        }
    }

    private void list(String target, Set<EventState> states, int limit, Response response, Callback callback) {
        CompletableFuture<Map<EventState, Long>> counts = async.counts(target);
        CompletableFuture<List<QueuedEvent>> events = async.events(target, states, limit);
        counts.thenCombine(events, (c, e) -> {
            ObjectNode doc = json.createObjectNode();
            doc.put("Target", target);
            ObjectNode countDoc = doc.putObject("Counts");
            c.forEach((state, n) -> countDoc.put(state.label(), n));
            ArrayNode list = doc.putArray("Events");
            e.forEach(event -> list.add(summary(event)));
            return doc;
        }).whenComplete((doc, failure) -> send(response, callback, doc, failure));
    }

    private void show(String target, String id, Response response, Callback callback) {
        async.event(id).whenComplete((found, failure) -> {
            if (failure != null) {
                send(response, callback, null, failure);
            } else if (found.isEmpty() || !found.get().target().equals(target)) {
                ApiErrors.render(response, callback, notFound(target, id));
            } else {
                ObjectNode doc = summary(found.get());
                try {
                    doc.set("Payload", json.readTree(found.get().payload()));
                } catch (IOException e) {
                    doc.put("Payload", found.get().payloadText());
                }
                send(response, callback, doc, null);
            }
        });
    }

    private void redrive(String target, String id, Response response, Callback callback) {
        async.redrive(target, id).whenComplete((redriven, failure) -> {
            if (failure == null && id != null && redriven.isEmpty()) {
                ApiErrors.render(response, callback, new LambdaApiException(ApiError.RESOURCE_NOT_FOUND,
                        "No dead event " + id + " for " + target + " (only dead events can be redriven)"));
                return;
            }
            ObjectNode doc = json.createObjectNode();
            ArrayNode ids = doc.putArray("Redriven");
            if (redriven != null) {
                redriven.forEach(e -> ids.add(e.id()));
            }
            send(response, callback, doc, failure);
        });
    }

    private ObjectNode summary(QueuedEvent event) {
        ObjectNode doc = json.createObjectNode();
        doc.put("EventId", event.id());
        if (event.qualifier() != null) {
            doc.put("Qualifier", event.qualifier());
        }
        doc.put("State", event.state().label());
        doc.put("Attempts", event.attempts());
        doc.put("Throttles", event.throttles());
        doc.put("AcceptedAt", Instant.ofEpochMilli(event.acceptedAt()).toString());
        if (EventState.PENDING.contains(event.state())) {
            doc.put("NextAttemptAt", Instant.ofEpochMilli(event.dueAt()).toString());
        }
        if (event.condition() != null) {
            doc.put("Condition", event.condition());
        }
        if (event.executedVersion() != null) {
            doc.put("ExecutedVersion", event.executedVersion());
        }
        if (event.lastError() != null) {
            doc.put("LastError", event.lastError());
        }
        return doc;
    }

    private void send(Response response, Callback callback, ObjectNode doc, Throwable failure) {
        if (failure != null) {
            ApiErrors.render(response, callback, new LambdaApiException(ApiError.SERVICE,
                    "Overtime could not read the event store: " + failure.getMessage()));
            return;
        }
        try {
            Responses.json(response, callback, 200, json.writeValueAsString(doc));
        } catch (IOException e) {
            ApiErrors.render(response, callback, new LambdaApiException(ApiError.SERVICE, e.getMessage()));
        }
    }

    private static Set<EventState> states(String value) throws LambdaApiException {
        if (value == null || value.isEmpty()) {
            return EnumSet.allOf(EventState.class);
        }
        try {
            Set<EventState> states = EnumSet.noneOf(EventState.class);
            for (String label : value.split(",")) {
                states.add(EventState.ofLabel(label.trim()));
            }
            return states;
        } catch (IllegalArgumentException e) {
            throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE, e.getMessage());
        }
    }

    private static int limit(String value) throws LambdaApiException {
        if (value == null || value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // Falls through to the error below.
        }
        throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE, "limit must be from 1 to " + MAX_LIMIT);
    }

    private static LambdaApiException notFound(String target, String id) {
        return new LambdaApiException(ApiError.RESOURCE_NOT_FOUND, "No event " + id + " for " + target);
    }

    private static LambdaApiException unknown(Request request, String path) {
        return new LambdaApiException(ApiError.UNKNOWN_OPERATION, "Overtime serves no route "
                + request.getMethod() + " " + path);
    }
}
