package dev.overtime.platform.appsync.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.security.RequestOrigin;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.api.Session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * One connection in AppSync's real-time dialect ({@code graphql-ws} as AppSync speaks it):
 * {@code connection_init} → {@code connection_ack}/{@code connection_error}, {@code ka}, and per subscription
 * {@code start} → {@code start_ack}, {@code data}…, {@code stop} → {@code complete}, or {@code error}.
 * Jetty delivers one message at a time; events arrive on the gateway's threads through {@link Operation}.
 */
// Public only because Jetty binds a listener's methods through method handles, which need a public class.
public final class AppSyncConnection extends Session.Listener.AbstractAutoDemanding {

    /** AppSync answers a clean close after {@code connection_error}. */
    private static final int NORMAL = 1000;

    private static final Operation.Frames FRAMES = new Operation.Frames() {
        @Override
        public String next(String id, String payloadJson) {
            return "{\"type\":\"data\",\"id\":" + Json.quote(id) + ",\"payload\":" + payloadJson + "}";
        }

        @Override
        public String complete(String id) {
            return "{\"type\":\"complete\",\"id\":" + Json.quote(id) + "}";
        }
    };

    private final SubscriptionGateway gateway;
    private final RealtimeSettings settings;
    private final Scheduler scheduler;
    private final Executor executor;
    private final HandshakeAuth auth;
    private final RequestOrigin origin;
    private final Operations operations;
    private volatile ConnectionPhase phase = ConnectionPhase.AWAITING_INIT;
    private Outbound out;
    private KeepAlive keepAlive;

    AppSyncConnection(SubscriptionGateway gateway, RealtimeSettings settings, Scheduler scheduler, Executor executor,
                      HandshakeAuth auth, RequestOrigin origin) {
        this.gateway = gateway;
        this.settings = settings;
        this.scheduler = scheduler;
        this.executor = executor;
        this.auth = auth;
        this.origin = origin;
        this.operations = new Operations(settings.maxSubscriptions());
    }

    @Override
    public void onWebSocketOpen(Session session) {
        super.onWebSocketOpen(session);
        out = new Outbound(session, settings.maxQueuedChars(), executor);
        keepAlive = new KeepAlive(scheduler, settings.keepAliveInterval(), out, "{\"type\":\"ka\"}");
    }

    @Override
    public void onWebSocketText(String text) {
        if (phase == ConnectionPhase.CLOSED) {
            return;
        }
        Optional<JsonNode> parsed = Json.object(text);
        if (parsed.isEmpty()) {
            out.send(error(null, List.of(error("BadRequestException", "message is not a JSON object"))));
            return;
        }
        JsonNode message = parsed.get();
        String type = Json.text(message, "type");
        switch (type == null ? "" : type) {
            case "connection_init" -> init();
            case "start" -> start(message);
            case "stop" -> stop(message);
            // subscriptions-transport-ws' goodbye; AppSync clients simply close
            case "connection_terminate" -> out.close(NORMAL, "terminated");
            default -> out.send(error(null, List.of(error("UnsupportedOperation",
                    (type == null ? "unknown" : type) + " not supported through the realtime channel"))));
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        phase = ConnectionPhase.CLOSED;
        if (keepAlive != null) {
            keepAlive.stop();
        }
        operations.stopAll();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        onWebSocketClose(Outbound.POLICY_VIOLATION, cause.getMessage());
    }

    private void init() {
        if (phase == ConnectionPhase.ACKNOWLEDGED) {
            // Amplify re-sends connection_init only on a new socket; a repeat here changes nothing.
            out.send(ack());
            return;
        }
        Optional<RealtimeError> refusal = switch (auth) {
            case HandshakeAuth.Malformed malformed -> Optional.of(new RealtimeError("UnauthorizedException", 401,
                    malformed.reason()));
            case HandshakeAuth.Given given -> gateway.connect(given.headers(), origin);
            case HandshakeAuth.Missing missing -> gateway.connect(Map.of(), origin);
        };
        if (refusal.isPresent()) {
            RealtimeError e = refusal.get();
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("errorType", e.errorType());
            error.put("message", e.message());
            error.put("errorCode", e.errorCode());
            out.send("{\"type\":\"connection_error\",\"payload\":" + Json.write(Map.of("errors", List.of(error)))
                    + "}");
            phase = ConnectionPhase.CLOSED;
            out.close(NORMAL, e.errorType());
            return;
        }
        phase = phase.acknowledge();
        out.send(ack());
        // AppSync sends the first ka right after the ack; clients start their keep-alive watch on it.
        out.send("{\"type\":\"ka\"}");
        keepAlive.start();
    }

    private String ack() {
        return "{\"type\":\"connection_ack\",\"payload\":{\"connectionTimeoutMs\":" + settings.connectionTimeoutMs()
                + "}}";
    }

    private void start(JsonNode message) {
        String id = Json.text(message, "id");
        if (id == null || id.isEmpty()) {
            out.send(error(null, List.of(error("BadRequestException", "start needs a string id"))));
            return;
        }
        if (phase != ConnectionPhase.ACKNOWLEDGED) {
            out.send(error(id, List.of(error("UnauthorizedException",
                    "send connection_init and wait for connection_ack before start"))));
            return;
        }
        Optional<StartRequest> request = request(message.get("payload"));
        if (request.isEmpty()) {
            out.send(error(id, List.of(error("BadRequestException",
                    "start payload.data must be a JSON string of {query, variables, operationName}"))));
            return;
        }
        Operation added = new Operation(id, FRAMES, out, operations::remove);
        Operations.Refusal refusal = operations.add(added);
        if (refusal != null) {
            out.send(error(id, List.of(switch (refusal) {
                case DUPLICATE_ID -> error("DuplicatedOperationError", "Duplicated operation with id " + id);
                case LIMIT_REACHED -> error("MaxSubscriptionsReachedError",
                        "Max number of " + operations.limit() + " subscriptions reached");
            })));
            return;
        }
        Subscription subscription;
        try {
            subscription = gateway.start(request.get(), added);
        } catch (SubscriptionRefused refused) {
            operations.remove(added);
            out.send(error(id, refused.errors()));
            return;
        } catch (RuntimeException unexpected) {
            operations.remove(added);
            out.send(error(id, List.of(error("InternalFailure", "the subscription could not start"))));
            return;
        }
        added.live(subscription, "{\"type\":\"start_ack\",\"id\":" + Json.quote(id) + "}");
    }

    private void stop(JsonNode message) {
        String id = Json.text(message, "id");
        if (id == null) {
            out.send(error(null, List.of(error("BadRequestException", "stop needs a string id"))));
            return;
        }
        Operation operation = operations.take(id);
        if (operation != null) {
            operation.stop();
        }
        out.send(FRAMES.complete(id));
    }

    /** The start's GraphQL request: {@code payload.data} is a JSON string (an object is accepted too). */
    private Optional<StartRequest> request(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            return Optional.empty();
        }
        JsonNode data = payload.get("data");
        Optional<JsonNode> body = data == null ? Optional.empty()
                : data.isTextual() ? Json.object(data.asText())
                : data.isObject() ? Optional.of(data) : Optional.empty();
        if (body.isEmpty() || Json.text(body.get(), "query") == null) {
            return Optional.empty();
        }
        JsonNode graphql = body.get();
        JsonNode extensions = payload.get("extensions");
        Map<String, Object> merged = new LinkedHashMap<>(Json.map(graphql.get("extensions")));
        Json.map(extensions).forEach((name, value) -> {
            if (!"authorization".equals(name)) {
                merged.put(name, value);
            }
        });
        Map<String, String> authorization = extensions == null ? Map.of() : Json.headers(extensions.get("authorization"));
        return Optional.of(new StartRequest(Json.text(graphql, "query"), Json.map(graphql.get("variables")),
                Json.text(graphql, "operationName"), authorization, auth.headers(), merged,
                data.isTextual() ? data.asText() : null, origin));
    }

    private static String error(String id, List<Map<String, Object>> errors) {
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("type", "error");
        if (id != null) {
            message.put("id", id);
        }
        message.set("payload", Json.MAPPER.valueToTree(Map.of("errors", errors)));
        return Json.write(message);
    }

    private static Map<String, Object> error(String errorType, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorType", errorType);
        error.put("message", message);
        return error;
    }
}
