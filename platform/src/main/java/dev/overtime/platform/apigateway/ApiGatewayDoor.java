package dev.overtime.platform.apigateway;

import dev.overtime.platform.apigateway.mapping.MappingTemplates;
import dev.overtime.platform.apigateway.validation.RequestValidator;
import dev.overtime.platform.http.BodyReader;
import dev.overtime.platform.security.AccessControl;
import dev.overtime.platform.security.AuthFailure;
import dev.overtime.platform.security.Caller;
import dev.overtime.platform.security.RequestedAction;
import dev.overtime.platform.http.SelectorThreads;
import dev.overtime.platform.invocation.RequestIds;
import dev.overtime.platform.url.StreamRelay;
import dev.overtime.platform.http.CoalescingConnector;
import dev.overtime.platform.http.OwnPorts;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The API Gateway door: REST and HTTP APIs from templates. Each API answers on the main port for
 * {@code Host: {apiId}.execute-api.localhost} and on a port of its own. A request goes through the
 * stage, the route table, CORS, the method's validator and authorization, then its integration:
 * proxy (an event in payload format 1.0 or 2.0), non-proxy with mapping templates, or mock. Every
 * call to a function goes through the one invocation lifecycle, synchronous or a durable Event.
 */
public final class ApiGatewayDoor {

    /** API Gateway's payload limit. */
    static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    private static final String HOST_SUFFIX = ".execute-api.localhost";

    /** A route's {@code authorizer} when it asks for IAM authentication. */
    private static final String IAM_AUTH = "AWS_IAM";
    private final Map<String, ServedApi> byId = new ConcurrentHashMap<>();
    private final Map<Integer, ServedApi> byPort = new ConcurrentHashMap<>();
    private final OwnPorts ports = new OwnPorts();
    private final String accountId;
    private final String region;
    private final AccessControl access;
    private final ProxyIntegration proxy;
    private final NonProxyIntegration nonProxy;
    private final LambdaAuthorizers authorizers;

    public ApiGatewayDoor(String region, String accountId, FunctionCalls calls, Consumer<String> log) {
        this(region, accountId, calls, log, null);
    }

    /** With {@code access} (null when {@code --auth} is off) checking the routes whose auth is AWS_IAM. */
    public ApiGatewayDoor(String region, String accountId, FunctionCalls calls, Consumer<String> log,
                          AccessControl access) {
        this.region = region;
        this.access = access;
        this.accountId = accountId;
        MappingTemplates templates = new MappingTemplates();
        this.proxy = new ProxyIntegration(calls);
        this.nonProxy = new NonProxyIntegration(templates, calls, log);
        this.authorizers = new LambdaAuthorizers(calls, region, accountId);
    }

    /**
     * Serves {@code api} on the main port and on {@code port} of {@code host} (0: a free one), which is
     * bound now and accepted by the main connector's selectors once {@link #open} is called.
     */
    public ServedApi add(String host, int port, ApiDefinition api) throws IOException {
        int bound = ports.bind(host, port, "API " + api.name());
        ServedApi served = new ServedApi(api, new RouteTable(api.routes()),
                new RequestValidator(api.id(), api.models()), host, bound, Instant.now());
        byId.put(api.id(), served);
        byPort.put(bound, served);
        return served;
    }

    /**
     * Starts accepting on every API's own port with {@code connector}'s selectors, so an API's caller
     * and the function's runtime share a selector as an Invoke's do. Call once the server has started.
     */
    public void open(CoalescingConnector connector) throws IOException {
        ports.open(connector);
    }

    /** Stops accepting on the APIs' own ports. */
    public void close() {
        ports.close();
    }

    public Collection<ServedApi> all() {
        List<ServedApi> all = new ArrayList<>(byId.values());
        all.sort(java.util.Comparator.comparing(s -> s.definition().logicalId()));
        return all;
    }

    public Optional<ServedApi> find(String apiId) {
        return Optional.ofNullable(byId.get(apiId));
    }

    /** True if the request is for an API (by its port or its Host) and was handled. */
    public boolean handle(Request request, Response response, Callback callback) {
        ServedApi api = request.getConnectionMetaData().getLocalSocketAddress() instanceof InetSocketAddress local
                ? byPort.get(local.getPort()) : null;
        String host = request.getHeaders().get("Host");
        if (api == null && host != null) {
            String name = host.toLowerCase(Locale.ROOT);
            int colon = name.indexOf(':');
            name = colon < 0 ? name : name.substring(0, colon);
            if (name.endsWith(HOST_SUFFIX)) {
                api = byId.get(name.substring(0, name.length() - HOST_SUFFIX.length()));
                if (api == null) {
                    write(ApiResponse.message(403, "Forbidden", "ForbiddenException"), response, callback);
                    return true;
                }
            }
        }
        if (api == null) {
            return false;
        }
        serve(api, request, response, callback);
        return true;
    }

    private void serve(ServedApi api, Request request, Response response, Callback callback) {
        ApiDefinition definition = api.definition();
        String path = request.getHttpURI().getPath();
        path = path == null || path.isEmpty() ? "/" : path;
        if (definition.stageInPath()) {
            String prefix = "/" + definition.stage();
            if (!path.equals(prefix) && !path.startsWith(prefix + "/")) {
                write(notFound(definition), response, callback);
                return;
            }
            path = path.length() == prefix.length() ? "/" : path.substring(prefix.length());
        }
        String method = request.getMethod();
        ApiCorsHeaders cors = new ApiCorsHeaders(definition.cors(), definition.kind());
        String origin = request.getHeaders().get("Origin");
        if (cors.isPreflight(method, origin, request.getHeaders().get("Access-Control-Request-Method"))) {
            write(cors.preflight(origin), response, callback);
            return;
        }
        Optional<RouteTable.Match> found = api.routes().find(method, path);
        if (found.isEmpty()) {
            write(cors.decorate(notFound(definition), origin), response, callback);
            return;
        }
        RouteTable.Match match = found.get();
        String routedPath = path;
        BodyReader.read(request, MAX_REQUEST_BYTES, (body, failed) -> {
            if (failed != null || body.exceeded(MAX_REQUEST_BYTES)) {
                write(ApiResponse.message(413, "Request Entity Too Large", "RequestEntityTooLargeException"),
                        response, callback);
                return;
            }
            byte[] payload = body.bytes();
            Caller caller = null;
            if (access != null && IAM_AUTH.equals(match.route().authorizer())) {
                try {
                    AccessControl.Allowed allowed = access.check(request, payload, new RequestedAction(
                            "execute-api:Invoke", "arn:aws:execute-api:" + region + ":" + accountId + ":"
                            + definition.id() + "/" + definition.stage() + "/" + method + routedPath, "execute-api"),
                            Map.of());
                    payload = allowed.body();
                    caller = allowed.caller();
                } catch (AuthFailure f) {
                    write(cors.decorate(ApiResponse.message(403, f.getMessage(), f.error().code()), origin), response,
                            callback);
                    return;
                }
            }
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            request.getHeaders().forEach(f -> headers.add(Map.entry(f.getName(), f.getValue())));
            ApiRequest apiRequest = new ApiRequest(method, routedPath, request.getHttpURI().getQuery(), headers,
                    payload, Request.getRemoteAddr(request), request.getConnectionMetaData().getProtocol(),
                    request.getHeaders().get("Host"), SelectorThreads.of(request));
            String requestId = RequestIds.next();
            RequestFacts facts = new RequestFacts(requestId, Instant.now(), accountId,
                    definition.id() + HOST_SUFFIX, Map.of(), caller);
            answer(api, match, apiRequest, facts)
                    .exceptionally(t -> ApiResponse.message(500, "Internal server error", null))
                    .thenAcceptAsync(answer -> {
                        ApiResponse decorated = cors.decorate(answer, origin).withHeader(
                                definition.kind() == ApiKind.REST ? "x-amzn-RequestId" : "apigw-requestid", requestId);
                        if (decorated.stream() == null) {
                            write(decorated, response, callback);
                            return;
                        }
                        // Streamed: the function's prelude gives the status and its own headers; ours go first.
                        decorated.headers().forEach(h -> response.getHeaders().add(h.getKey(), h.getValue()));
                        new StreamRelay(decorated.stream(), response, callback, () -> write(
                                ProxyResponses.failure(definition.kind()), response, callback)).start();
                    }, SelectorThreads.of(request));
        });
    }

    private CompletableFuture<ApiResponse> answer(ServedApi api, RouteTable.Match match, ApiRequest request,
                                                  RequestFacts facts) {
        ApiRoute route = match.route();
        String apiKey = request.header("x-api-key");
        if (route.apiKeyRequired() && (apiKey == null || !api.definition().apiKeys().contains(apiKey))) {
            return CompletableFuture.completedFuture(ApiResponse.message(403, "Forbidden", "ForbiddenException"));
        }
        Optional<ApiResponse> invalid = RequestChecks.check(api, match, request);
        if (invalid.isPresent()) {
            return CompletableFuture.completedFuture(invalid.get());
        }
        LambdaAuthorizer authorizer = route.authorizer() == null ? null
                : api.definition().authorizers().get(route.authorizer());
        if (authorizer == null) {
            return integrate(api, match, request, facts);
        }
        return authorizers.authorize(api.definition(), authorizer, match, request, facts).thenCompose(decision ->
                decision.allowed() ? integrate(api, match, request, facts.withAuthorizer(decision.context()))
                        : CompletableFuture.completedFuture(decision.denial()));
    }

    private CompletableFuture<ApiResponse> integrate(ServedApi api, RouteTable.Match match, ApiRequest request,
                                                     RequestFacts facts) {
        return switch (match.route().integration().type()) {
            case AWS_PROXY -> proxy.run(api.definition(), match, request, facts);
            case AWS, MOCK -> nonProxy.run(api.definition(), match, request, facts);
        };
    }

    private static ApiResponse notFound(ApiDefinition api) {
        return api.kind() == ApiKind.REST
                ? ApiResponse.message(403, "Missing Authentication Token", "MissingAuthenticationTokenException")
                : ApiResponse.message(404, "Not Found", null);
    }

    private static void write(ApiResponse answer, Response response, Callback callback) {
        response.setStatus(answer.status());
        answer.headers().forEach(h -> response.getHeaders().add(h.getKey(), h.getValue()));
        response.getHeaders().put("Content-Length", answer.body().length);
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }
}
