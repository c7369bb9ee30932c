package dev.overtime.platform.url;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.environment.ConcurrencyLimitExceeded;
import dev.overtime.platform.function.FunctionTarget;
import dev.overtime.platform.function.FunctionVersion;
import dev.overtime.platform.function.FunctionUrlDefinition;
import dev.overtime.platform.http.BodyReader;
import dev.overtime.platform.http.Responses;
import dev.overtime.platform.http.SelectorThreads;
import dev.overtime.platform.invocation.FunctionErrors;
import dev.overtime.platform.invocation.Invocation;
import dev.overtime.platform.invocation.InvocationOutcome;
import dev.overtime.platform.invocation.InvocationRequest;
import dev.overtime.platform.invocation.RequestIds;
import dev.overtime.platform.invocation.StreamedResponse;
import dev.overtime.platform.security.AccessControl;
import dev.overtime.platform.security.AuthErrors;
import dev.overtime.platform.security.AuthFailure;
import dev.overtime.platform.security.Caller;
import dev.overtime.platform.security.RequestedAction;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Function URL door. Each URL gets its own port (its own origin, as each AWS URL has its own
 * host), so it works as is with curl and a browser. Requests become payload-format 2.0 events;
 * {@code BUFFERED} answers map the function's result as AWS does; {@code RESPONSE_STREAM} answers
 * parse the HTTP-integration prelude and then forward every chunk the moment it arrives.
 */
public final class FunctionUrlDoor {

    private static final int MAX_REQUEST_BYTES = 6 * 1024 * 1024;
    /** The condition key a resource policy's {@code FunctionUrlAuthType} tests. */
    private static final Map<String, String> IAM_URL_CONTEXT = Map.of("lambda:functionurlauthtype", "AWS_IAM");

    /** A served URL: what it invokes and where it listens. */
    public record ServedUrl(FunctionUrlDefinition definition, FunctionTarget function, String urlId,
                            ServerConnector connector, Instant created) {
        public String url() {
            String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0") ? "127.0.0.1" : connector.getHost();
            return "http://" + host + ":" + connector.getLocalPort() + "/";
        }
    }

    private final Map<Connector, ServedUrl> byConnector = new ConcurrentHashMap<>();
    private final Map<String, ServedUrl> byFunction = new ConcurrentHashMap<>();
    private final String region;
    private final String accountId;

    private final AccessControl access;

    public FunctionUrlDoor(String region, String accountId) {
        this(region, accountId, null);
    }

    /** With {@code access} (null when {@code --auth} is off) checking the URLs whose AuthType is AWS_IAM. */
    public FunctionUrlDoor(String region, String accountId, AccessControl access) {
        this.region = region;
        this.accountId = accountId;
        this.access = access;
    }

    /** Adds a connector for {@code definition} on {@code port} (0 picks a free one); start the server afterwards. */
    public void add(Server server, HttpConnectionFactory http, String host, int port, FunctionUrlDefinition definition,
                    FunctionTarget function) {
        ServerConnector connector = new ServerConnector(server, 0, 1, http);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServedUrl served = new ServedUrl(definition, function, UrlIds.urlId(region, accountId, function.name()),
                connector, Instant.now());
        byConnector.put(connector, served);
        byFunction.put(function.name(), served);
    }

    public Optional<ServedUrl> urlOf(String functionName) {
        return Optional.ofNullable(byFunction.get(functionName));
    }

    public List<ServedUrl> all() {
        return new ArrayList<>(byFunction.values());
    }

    /** GetFunctionUrlConfig's document. */
    public ObjectNode configuration(ObjectMapper json, ServedUrl url, String functionArn) {
        ObjectNode doc = json.createObjectNode();
        doc.put("FunctionUrl", url.url());
        doc.put("FunctionArn", functionArn);
        doc.put("AuthType", url.definition().authType().name());
        doc.put("InvokeMode", url.definition().invokeMode().name());
        doc.put("CreationTime", url.created().toString());
        doc.put("LastModifiedTime", url.created().toString());
        FunctionUrlDefinition.Cors cors = url.definition().cors();
        if (cors != null) {
            ObjectNode c = doc.putObject("Cors");
            c.put("AllowCredentials", cors.allowCredentials());
            cors.allowHeaders().forEach(c.putArray("AllowHeaders")::add);
            cors.allowMethods().forEach(c.putArray("AllowMethods")::add);
            cors.allowOrigins().forEach(c.putArray("AllowOrigins")::add);
            cors.exposeHeaders().forEach(c.putArray("ExposeHeaders")::add);
            if (cors.maxAge() != null) {
                c.put("MaxAge", cors.maxAge());
            }
        }
        return doc;
    }

    /** True if the request arrived on a Function URL's port and was handled. */
    public boolean handle(Request request, Response response, Callback callback) {
        ServedUrl url = byConnector.get(request.getConnectionMetaData().getConnector());
        if (url == null) {
            return false;
        }
        UrlCors cors = new UrlCors(url.definition().cors());
        if (cors.isPreflight(request)) {
            cors.preflight(request, response);
            Responses.empty(response, callback, 200);
            return true;
        }
        cors.decorate(request, response);
        BodyReader.read(request, MAX_REQUEST_BYTES, (body, failed) -> {
            if (failed != null || body.exceeded(MAX_REQUEST_BYTES)) {
                Responses.json(response, callback, 413, "{\"Message\":\"Request must be smaller than "
                        + MAX_REQUEST_BYTES + " bytes\"}");
                return;
            }
            if (access == null || url.definition().authType() == FunctionUrlDefinition.AuthType.NONE) {
                invoke(url, request, body.bytes(), null, response, callback);
                return;
            }
            try {
                AccessControl.Allowed allowed = access.check(request, body.bytes(), new RequestedAction(
                        "lambda:InvokeFunctionUrl", url.function().invokedArn(), "lambda"), IAM_URL_CONTEXT);
                invoke(url, request, allowed.body(), allowed.caller(), response, callback);
            } catch (AuthFailure e) {
                AuthErrors.forbidden(response, callback);
            }
        });
        return true;
    }

    private void invoke(ServedUrl url, Request request, byte[] body, Caller caller, Response response,
                        Callback callback) {
        String requestId = RequestIds.next();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        request.getHeaders().forEach(field -> headers.add(Map.entry(field.getName(), field.getValue())));
        String query = request.getHttpURI().getQuery();
        UrlRequest urlRequest = new UrlRequest(request.getMethod(), request.getHttpURI().getPath(),
                query == null ? "" : query, headers, body, Request.getRemoteAddr(request),
                request.getHeaders().get("User-Agent"), request.getConnectionMetaData().getProtocol());
        byte[] event = FunctionUrlRequests.eventBytes(urlRequest,
                new UrlEventContext(url.urlId(), region, accountId, requestId, Instant.now(), caller));
        String name = url.function().name();
        Invocation invocation = new Invocation(requestId, new InvocationRequest(name,
                url.function().invokedArn(), event, null, null,
                "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + requestId.replace("-", "").substring(0, 24),
                false));
        response.getHeaders().put("x-amzn-RequestId", requestId);
        FunctionVersion version = url.function().version();
        if (version == null) {
            // The URL's alias or version was deleted: AWS deletes the URL with it.
            Responses.json(response, callback, 404, "{\"Message\":\"Not Found\"}");
            return;
        }
        try {
            version.pool().submit(invocation, SelectorThreads.of(request));
        } catch (ConcurrencyLimitExceeded e) {
            Responses.json(response, callback, 429, "{\"Message\":\"Rate Exceeded.\"}");
            return;
        }
        boolean streaming = url.definition().invokeMode() == FunctionUrlDefinition.InvokeMode.RESPONSE_STREAM;
        invocation.outcome().thenAccept(outcome -> {
            if (streaming && outcome instanceof InvocationOutcome.Streamed s) {
                new StreamRelay(s.stream(), response, callback,
                        () -> write(BufferedUrlResponses.internalServerError(), response, callback)).start();
                return;
            }
            CompletableFuture<InvocationOutcome> whole = outcome instanceof InvocationOutcome.Streamed s
                    ? s.stream().collect(FunctionErrors.MAX_PAYLOAD_BYTES)
                    : CompletableFuture.completedFuture(outcome);
            whole.thenAccept(done -> write(switch (done) {
                case InvocationOutcome.Response r -> BufferedUrlResponses.response(r.body(), false);
                case InvocationOutcome.Failure f -> BufferedUrlResponses.internalServerError();
                case InvocationOutcome.Throttled t -> new UrlResponse(429, List.of(Map.entry("content-type",
                        "application/json")), "{\"Message\":\"Rate Exceeded.\"}".getBytes());
                case InvocationOutcome.Streamed s -> BufferedUrlResponses.internalServerError();
            }, response, callback));
        });
    }

    private static void write(UrlResponse answer, Response response, Callback callback) {
        response.setStatus(answer.status());
        answer.headers().forEach(h -> response.getHeaders().add(h.getKey(), h.getValue()));
        response.getHeaders().put("Content-Length", answer.body().length);
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }
}
