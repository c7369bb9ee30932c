package dev.overtime.platform.appsync;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.appsync.engine.ApiSchema;
import dev.overtime.platform.appsync.engine.ApiSubscriptions;
import dev.overtime.platform.appsync.engine.Caller;
import dev.overtime.platform.appsync.engine.GraphQlEngine;
import dev.overtime.platform.appsync.engine.GraphQlRequest;
import dev.overtime.platform.appsync.engine.RequestAuthenticator;
import dev.overtime.platform.appsync.engine.Unauthorized;
import dev.overtime.platform.appsync.resolvers.DataSourceCalls;
import dev.overtime.platform.appsync.resolvers.ResolverCompiler;
import dev.overtime.platform.appsync.subscriptions.SubscriptionHub;
import dev.overtime.platform.appsync.subscriptions.SubscriptionSettings;
import dev.overtime.platform.http.BodyReader;
import dev.overtime.platform.http.CoalescingConnector;
import dev.overtime.platform.http.OwnPorts;
import dev.overtime.platform.http.Responses;
import dev.overtime.platform.http.SelectorThreads;
import dev.overtime.platform.invocation.RequestIds;
import dev.overtime.platform.security.AccessControl;
import dev.overtime.platform.security.AuthFailure;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The GraphQL door: AppSync-style APIs, each on a port of its own. {@code POST /graphql} runs queries and
 * mutations; WebSocket upgrades at {@code /graphql/realtime} (AppSync's protocol) and {@code /graphql}
 * (graphql-transport-ws) go to the real-time endpoint.
 */
public final class GraphQlDoor {

    /** The largest request AppSync takes. */
    static final int MAX_REQUEST_BYTES = 5 * 1024 * 1024;
    private static final String CORS_HEADERS =
            "content-type,x-api-key,authorization,x-amz-date,x-amz-security-token,x-amz-user-agent";

    private final Map<String, ServedGraphQlApi> byId = new ConcurrentHashMap<>();
    private final Map<Integer, ServedGraphQlApi> byPort = new ConcurrentHashMap<>();
    /** Under {@code --auth iam}: each API's signature checks, by API id. */
    private final Map<String, IamCallers> iamCallers = new ConcurrentHashMap<>();
    private final OwnPorts ports = new OwnPorts();
    private final String accountId;
    private final String region;
    private final AccessControl access;
    private final DataSourceCalls calls;
    private final ResolverCompiler compiler;
    private final SubscriptionSettings settings;
    private final ObjectMapper json = new ObjectMapper();
    private volatile WebSocketUpgrades realtime;
    private volatile dev.overtime.platform.appsync.subscriptions.SharedPublishes shared;

    public GraphQlDoor(String accountId, DataSourceCalls calls, ResolverCompiler compiler,
                       SubscriptionSettings settings) {
        this(accountId, null, calls, compiler, settings, null);
    }

    /** With {@code access} (null when {@code --auth} is off) checking requests signed for an AWS_IAM mode. */
    public GraphQlDoor(String accountId, String region, DataSourceCalls calls, ResolverCompiler compiler,
                       SubscriptionSettings settings, AccessControl access) {
        this.region = region;
        this.access = access;
        this.accountId = accountId;
        this.calls = calls;
        this.compiler = compiler;
        this.settings = settings;
    }

    /**
     * Builds the API's schema and resolvers and binds its own port ({@code port} of {@code host}, 0 for a free one),
     * accepted once {@link #open} is called.
     *
     * @throws IllegalArgumentException when the schema or a resolver is not valid
     */
    public ServedGraphQlApi add(String host, int port, GraphQlApiDefinition api) throws IOException {
        ApiSchema schema = ApiSchema.build(api, compiler, calls);
        GraphQlEngine engine = new GraphQlEngine(api, schema, new SubscriptionHub(settings, Clock.systemUTC()));
        IamCallers iam = access == null ? null : new IamCallers(access, region, accountId, api.id());
        ApiSubscriptions subscriptions = new ApiSubscriptions(engine,
                new RequestAuthenticator(api, accountId, Clock.systemUTC()), iam);
        if (iam != null) {
            iamCallers.put(api.id(), iam);
        }
        int bound = ports.bind(host, port, "GraphQL API " + api.name());
        ServedGraphQlApi served = new ServedGraphQlApi(api, engine, subscriptions, host, bound, Instant.now());
        byId.put(api.id(), served);
        byPort.put(bound, served);
        return served;
    }

    /** Starts accepting on every API's port with the main connector's selectors; call once the server started. */
    public void open(CoalescingConnector connector, WebSocketUpgrades realtime) throws IOException {
        this.realtime = realtime;
        ports.open(connector);
    }

    public Collection<ServedGraphQlApi> all() {
        List<ServedGraphQlApi> all = new ArrayList<>(byId.values());
        all.sort(java.util.Comparator.comparing(s -> s.definition().logicalId()));
        return all;
    }

    public Optional<ServedGraphQlApi> find(String apiId) {
        return Optional.ofNullable(byId.get(apiId));
    }

    /** True if the request came in on an API's port and was handled. */
    public boolean handle(Request request, Response response, Callback callback) {
        ServedGraphQlApi api = request.getConnectionMetaData().getLocalSocketAddress() instanceof InetSocketAddress local
                ? byPort.get(local.getPort()) : null;
        if (api == null) {
            return false;
        }
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        response.getHeaders().put("Access-Control-Allow-Origin", "*");
        if ((path.equals("/graphql") || path.equals("/graphql/realtime")) && method.equals("GET")
                && realtime != null && realtime.upgrade(request, response, callback, api.subscriptions())) {
            return true;
        }
        if (!path.equals("/graphql")) {
            Responses.json(response, callback, 404, errors("NotFoundException",
                    "This API answers at /graphql and /graphql/realtime."));
            return true;
        }
        if (method.equals("OPTIONS")) {
            response.getHeaders().put("Access-Control-Allow-Methods", "GET,POST,OPTIONS");
            response.getHeaders().put("Access-Control-Allow-Headers", CORS_HEADERS);
            response.getHeaders().put("Access-Control-Max-Age", "86400");
            Responses.empty(response, callback, 200);
            return true;
        }
        if (!method.equals("POST")) {
            Responses.json(response, callback, 405, errors("MethodNotAllowedException",
                    "Use POST for queries and mutations, and a WebSocket for subscriptions."));
            return true;
        }
        serve(api, request, response, callback);
        return true;
    }

    private void serve(ServedGraphQlApi api, Request request, Response response, Callback callback) {
        String requestId = RequestIds.next();
        response.getHeaders().put("x-amzn-RequestId", requestId);
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().forEach(f -> headers.put(f.getName().toLowerCase(Locale.ROOT), f.getValue()));
        Caller caller;
        try {
            caller = api.subscriptions().authenticator().authenticate(headers, Request.getRemoteAddr(request));
        } catch (Unauthorized e) {
            Responses.json(response, callback, 401, errors("UnauthorizedException", e.getMessage()));
            return;
        }
        BodyReader.read(request, MAX_REQUEST_BYTES, (body, failed) -> {
            if (failed != null || body.exceeded(MAX_REQUEST_BYTES)) {
                Responses.json(response, callback, 413, errors("PayloadTooLargeException",
                        "The request is larger than " + MAX_REQUEST_BYTES + " bytes."));
                return;
            }
            GraphQlRequest graphQl;
            try {
                graphQl = parse(body.bytes());
            } catch (IllegalArgumentException e) {
                Responses.json(response, callback, 400, errors("MalformedHttpRequestException", e.getMessage()));
                return;
            }
            Caller checked = caller;
            if (access != null && caller.mode() == AuthMode.AWS_IAM) {
                try {
                    checked = iamCallers.get(api.definition().id()).post(request, body.bytes(), graphQl, headers);
                } catch (AuthFailure e) {
                    Responses.json(response, callback, 401, errors("UnauthorizedException", e.getMessage()));
                    return;
                }
            }
            java.util.concurrent.CompletableFuture<String> answer = api.engine()
                    .execute(graphQl, checked, SelectorThreads.of(request))
                    .exceptionally(t -> errors("InternalFailure", "The request failed: " + t.getMessage()));
            if (answer.isDone()) {
                // Resolved without waiting for a function (NONE, a publish): answered on this thread, with no
                // hand-off to the connection's selector and the wake-up that costs.
                send(response, callback, answer.join());
            } else {
                answer.thenAcceptAsync(text -> send(response, callback, text), SelectorThreads.of(request));
            }
        });
    }

    private static void send(Response response, Callback callback, String answer) {
        Responses.send(response, callback, 200, "application/json; charset=UTF-8",
                answer.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private GraphQlRequest parse(byte[] body) {
        Object parsed;
        try {
            parsed = json.readValue(body, Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("Unable to parse GraphQL query: the body is not valid JSON.");
        }
        if (!(parsed instanceof Map<?, ?> fields) || !(fields.get("query") instanceof String query) || query.isBlank()) {
            throw new IllegalArgumentException("Unable to parse GraphQL query: the body needs a \"query\" string.");
        }
        Object variables = fields.get("variables");
        if (variables instanceof String text && !text.isBlank()) {
            try {
                variables = json.readValue(text, Object.class);
            } catch (IOException e) {
                throw new IllegalArgumentException("The \"variables\" are not valid JSON.");
            }
        }
        if (variables != null && !(variables instanceof Map)) {
            throw new IllegalArgumentException("The \"variables\" must be an object.");
        }
        Object operationName = fields.get("operationName");
        return new GraphQlRequest(query, (Map<String, Object>) variables,
                operationName instanceof String name ? name : null);
    }

    private String errors(String errorType, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorType", errorType);
        error.put("message", message);
        try {
            return json.writeValueAsString(Map.of("errors", List.of(error)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops accepting and ends every subscription. */
    public void close() {
        ports.close();
        if (shared != null) {
            shared.close();
        }
        byId.values().forEach(api -> api.engine().hub().close());
    }

    /** Shares every API's publishes with the other nodes through {@code publishes}, which this door then closes. */
    public void share(dev.overtime.platform.appsync.subscriptions.SharedPublishes publishes) {
        this.shared = publishes;
        byId.forEach((id, api) -> publishes.attach(id, api.engine().hub()));
    }
}
