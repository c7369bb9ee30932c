package dev.overtime.platform.appsync.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overtime.platform.security.RequestOrigin;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.api.Session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * One connection in the graphql-transport-ws dialect (enisdenjo/graphql-ws {@code PROTOCOL.md}):
 * {@code connection_init{payload: connectionParams}} → {@code connection_ack}, {@code ping}/{@code pong},
 * {@code subscribe} → {@code next}…/{@code error}, {@code complete} both ways. Protocol violations close the
 * socket with the protocol's 44xx codes.
 */
// Public only because Jetty binds a listener's methods through method handles, which need a public class.
public final class TransportWsConnection extends Session.Listener.AbstractAutoDemanding {

    static final int INVALID_MESSAGE = 4400;
    static final int UNAUTHORIZED = 4401;
    static final int FORBIDDEN = 4403;
    static final int SUBPROTOCOL_NOT_ACCEPTABLE = 4406;
    static final int INIT_TIMEOUT = 4408;
    static final int DUPLICATE_ID = 4409;
    static final int TOO_MANY_INITS = 4429;
    static final int INTERNAL_ERROR = 4500;

    private static final Operation.Frames FRAMES = new Operation.Frames() {
        @Override
        public String next(String id, String payloadJson) {
            return "{\"id\":" + Json.quote(id) + ",\"type\":\"next\",\"payload\":" + payloadJson + "}";
        }

        @Override
        public String complete(String id) {
            return "{\"id\":" + Json.quote(id) + ",\"type\":\"complete\"}";
        }
    };

    private final SubscriptionGateway gateway;
    private final RealtimeSettings settings;
    private final Scheduler scheduler;
    private final Executor executor;
    private final Operations operations;
    private final RequestOrigin origin;
    private volatile ConnectionPhase phase = ConnectionPhase.AWAITING_INIT;
    private Map<String, String> connectionParams = Map.of();
    private Outbound out;
    private KeepAlive keepAlive;
    private Scheduler.Task initTimeout;

    TransportWsConnection(SubscriptionGateway gateway, RealtimeSettings settings, Scheduler scheduler,
                          Executor executor, RequestOrigin origin) {
        this.gateway = gateway;
        this.settings = settings;
        this.scheduler = scheduler;
        this.executor = executor;
        this.origin = origin;
        this.operations = new Operations(settings.maxSubscriptions());
    }

    @Override
    public void onWebSocketOpen(Session session) {
        super.onWebSocketOpen(session);
        out = new Outbound(session, settings.maxQueuedChars(), executor);
        keepAlive = new KeepAlive(scheduler, settings.keepAliveInterval(), out, "{\"type\":\"ping\"}");
        initTimeout = scheduler.schedule(() -> {
            if (phase == ConnectionPhase.AWAITING_INIT) {
                close(INIT_TIMEOUT, "Connection initialisation timeout");
            }
        }, settings.initTimeout());
    }

    @Override
    public void onWebSocketText(String text) {
        if (phase == ConnectionPhase.CLOSED) {
            return;
        }
        Optional<JsonNode> parsed = Json.object(text);
        String type = parsed.map(message -> Json.text(message, "type")).orElse(null);
        if (type == null) {
            close(INVALID_MESSAGE, "Invalid message received");
            return;
        }
        JsonNode message = parsed.get();
        switch (type) {
            case "connection_init" -> init(message.get("payload"));
            case "ping" -> out.send("{\"type\":\"pong\"}");
            case "pong" -> { }
            case "subscribe" -> subscribe(message);
            case "complete" -> complete(message);
            default -> close(INVALID_MESSAGE, "Invalid message received: unknown type " + truncated(type));
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        phase = ConnectionPhase.CLOSED;
        if (initTimeout != null) {
            initTimeout.cancel();
        }
        if (keepAlive != null) {
            keepAlive.stop();
        }
        operations.stopAll();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        onWebSocketClose(INTERNAL_ERROR, cause.getMessage());
    }

    private void init(JsonNode payload) {
        if (phase != ConnectionPhase.AWAITING_INIT) {
            close(TOO_MANY_INITS, "Too many initialisation requests");
            return;
        }
        if (payload != null && !payload.isNull() && !payload.isObject()) {
            close(INVALID_MESSAGE, "Invalid message received: connection_init payload must be an object");
            return;
        }
        Map<String, String> params = Json.headers(payload);
        Optional<RealtimeError> refusal;
        try {
            refusal = gateway.connect(params, origin);
        } catch (RuntimeException unexpected) {
            close(INTERNAL_ERROR, "Internal server error");
            return;
        }
        if (refusal.isPresent()) {
            close(FORBIDDEN, "Forbidden: " + refusal.get().message());
            return;
        }
        connectionParams = params;
        initTimeout.cancel();
        phase = phase.acknowledge();
        out.send("{\"type\":\"connection_ack\"}");
        keepAlive.start();
    }

    private void subscribe(JsonNode message) {
        if (phase != ConnectionPhase.ACKNOWLEDGED) {
            close(UNAUTHORIZED, "Unauthorized");
            return;
        }
        String id = Json.text(message, "id");
        JsonNode payload = message.get("payload");
        if (id == null || id.isEmpty() || payload == null || !payload.isObject()
                || Json.text(payload, "query") == null) {
            close(INVALID_MESSAGE, "Invalid message received: subscribe needs an id and payload.query");
            return;
        }
        Operation operation = new Operation(id, FRAMES, out, operations::remove);
        Operations.Refusal refusal = operations.add(operation);
        if (refusal == Operations.Refusal.DUPLICATE_ID) {
            close(DUPLICATE_ID, "Subscriber for " + truncated(id) + " already exists");
            return;
        }
        if (refusal == Operations.Refusal.LIMIT_REACHED) {
            out.send(error(id, List.of(Map.of("errorType", "MaxSubscriptionsReachedError",
                    "message", "Max number of " + operations.limit() + " subscriptions reached"))));
            return;
        }
        JsonNode extensions = payload.get("extensions");
        Map<String, Object> otherExtensions = new LinkedHashMap<>(Json.map(extensions));
        otherExtensions.remove("authorization");
        StartRequest request = new StartRequest(Json.text(payload, "query"), Json.map(payload.get("variables")),
                Json.text(payload, "operationName"),
                extensions == null ? Map.of() : Json.headers(extensions.get("authorization")), connectionParams,
                otherExtensions, null, origin);
        Subscription subscription;
        try {
            subscription = gateway.start(request, operation);
        } catch (SubscriptionRefused refused) {
            operations.remove(operation);
            out.send(error(id, refused.errors()));
            return;
        } catch (RuntimeException unexpected) {
            operations.remove(operation);
            close(INTERNAL_ERROR, "Internal server error");
            return;
        }
        operation.live(subscription, null);
    }

    private void complete(JsonNode message) {
        String id = Json.text(message, "id");
        if (id == null) {
            close(INVALID_MESSAGE, "Invalid message received: complete needs an id");
            return;
        }
        Operation operation = operations.take(id);
        if (operation != null) {
            operation.stop();
        }
    }

    private void close(int code, String reason) {
        phase = ConnectionPhase.CLOSED;
        out.close(code, reason.length() <= 100 ? reason : reason.substring(0, 100));
    }

    private static String error(String id, List<Map<String, Object>> errors) {
        return "{\"id\":" + Json.quote(id) + ",\"type\":\"error\",\"payload\":" + Json.write(errors) + "}";
    }

    /** Close reasons must fit a control frame (123 bytes). */
    private static String truncated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
