package dev.overtime.platform.extensions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.environment.Environment;
import dev.overtime.platform.environment.EnvironmentState;
import dev.overtime.platform.http.BodyReader;
import dev.overtime.platform.http.Responses;
import dev.overtime.platform.invocation.FunctionErrors;
import dev.overtime.platform.invocation.InvocationOutcome;
import dev.overtime.platform.invocation.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * The Extensions API 2020-01-01, served on the environment's Runtime API address as on AWS.
 *
 * <pre>
 * POST /2020-01-01/extension/register     200 + Lambda-Extension-Identifier; 403 during invokes, past 10, bad events
 * GET  /2020-01-01/extension/event/next   parks until INVOKE or SHUTDOWN; 403 unknown identifier
 * POST /2020-01-01/extension/init/error   202; fails init with the Lambda-Extension-Function-Error-Type
 * POST /2020-01-01/extension/exit/error   202; recorded in the log
 * </pre>
 */
public final class ExtensionsApiRoutes {

    public static final String PREFIX = "/2020-01-01/extension/";
    static final String NAME_HEADER = "Lambda-Extension-Name";
    static final String ID_HEADER = "Lambda-Extension-Identifier";
    static final String EVENT_ID_HEADER = "Lambda-Extension-Event-Identifier";
    static final String FEATURE_HEADER = "Lambda-Extension-Accept-Feature";
    static final String ERROR_TYPE_HEADER = "Lambda-Extension-Function-Error-Type";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String accountId;

    public ExtensionsApiRoutes(String accountId) {
        this.accountId = accountId;
    }

    /** Handles the request if its path is an Extensions API path; returns false otherwise. */
    public boolean handle(Environment env, Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(PREFIX)) {
            return false;
        }
        String route = request.getMethod() + " " + path.substring(PREFIX.length());
        switch (route) {
            case "POST register" -> register(env, request, response, callback);
            case "GET event/next" -> next(env, request, response, callback);
            case "POST init/error" -> reportError(env, request, response, callback, true);
            case "POST exit/error" -> reportError(env, request, response, callback, false);
            default -> afterDrain(request, () -> error(response, callback,
                    new ExtensionApiException(404, "NotFound", "No Extensions API route for " + route)));
        }
        return true;
    }

    private void register(Environment env, Request request, Response response, Callback callback) {
        String name = request.getHeaders().get(NAME_HEADER);
        boolean wantsAccount = "accountId".equals(request.getHeaders().get(FEATURE_HEADER));
        BodyReader.readFromFunction(request, 64 * 1024, (body, failed) -> {
            try {
                if (name == null || name.isBlank()) {
                    throw new ExtensionApiException(403, "Extension.InvalidExtensionName",
                            "Missing header " + NAME_HEADER);
                }
                if (failed != null || body.exceeded(64 * 1024)) {
                    throw new ExtensionApiException(400, "InvalidRequestFormat", "Unreadable registration body");
                }
                Registration r = env.extensions().register(name, events(body.bytes()));
                StringBuilder doc = new StringBuilder("{\"functionName\":").append(Json.quote(env.function().name()))
                        .append(",\"functionVersion\":\"$LATEST\",\"handler\":")
                        .append(Json.quote(env.function().handler() == null ? "" : env.function().handler()));
                if (wantsAccount) {
                    doc.append(",\"accountId\":").append(Json.quote(accountId));
                }
                response.getHeaders().put(ID_HEADER, r.id());
                Responses.json(response, callback, 200, doc.append('}').toString());
            } catch (ExtensionApiException e) {
                error(response, callback, e);
            }
        });
    }

    private static Set<EventType> events(byte[] body) throws ExtensionApiException {
        JsonNode doc;
        try {
            doc = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new ExtensionApiException(400, "InvalidRequestFormat", "The body is not JSON: " + e.getMessage());
        }
        if (doc == null || !doc.isObject()) {
            throw new ExtensionApiException(400, "InvalidRequestFormat", "The body must be a JSON object");
        }
        if (doc.has("configurationKeys")) {
            throw new ExtensionApiException(403, "InvalidRequestFormat", "configurationKeys is not supported");
        }
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        for (JsonNode e : doc.path("events")) {
            try {
                events.add(EventType.valueOf(e.asText()));
            } catch (IllegalArgumentException unknown) {
                throw new ExtensionApiException(403, "Extension.InvalidEventType", "Unknown event type " + e);
            }
        }
        return events;
    }

    private void next(Environment env, Request request, Response response, Callback callback) {
        try {
            String id = identifier(env, request);
            env.extensions().next(id, event -> {
                byte[] bytes = event.toJson().getBytes(StandardCharsets.UTF_8);
                response.getHeaders().put(EVENT_ID_HEADER, UUID.randomUUID().toString());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
                response.setStatus(200);
                response.write(true, ByteBuffer.wrap(bytes), callback);
            });
        } catch (ExtensionApiException e) {
            error(response, callback, e);
        }
    }

    private void reportError(Environment env, Request request, Response response, Callback callback, boolean init) {
        String type = request.getHeaders().get(ERROR_TYPE_HEADER);
        BodyReader.readFromFunction(request, FunctionErrors.MAX_PAYLOAD_BYTES, (body, failed) -> {
            try {
                identifier(env, request);
                if (type == null || type.isBlank()) {
                    throw new ExtensionApiException(403, "Extension.MissingHeader", "Missing header " + ERROR_TYPE_HEADER);
                }
                byte[] bytes = body == null ? new byte[0] : body.bytes();
                String kind = init ? "Extension.InitError" : "Extension.ExitError";
                env.log().platformLine("-", kind + ": " + type);
                if (init) {
                    if (env.state() != EnvironmentState.STARTING) {
                        throw new ExtensionApiException(403, "InvalidStateTransition", "Init has already completed");
                    }
                    InvocationOutcome.Failure failure = FunctionErrors.fromRuntime(type, bytes);
                    env.initFailed(failure);
                }
                Responses.json(response, callback, 202, "{\"status\":\"OK\"}");
            } catch (ExtensionApiException e) {
                error(response, callback, e);
            }
        });
    }

    private static String identifier(Environment env, Request request) throws ExtensionApiException {
        String id = request.getHeaders().get(ID_HEADER);
        if (id == null || id.isBlank()) {
            throw new ExtensionApiException(403, "Extension.MissingExtensionIdentifier", "Missing header " + ID_HEADER);
        }
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ExtensionApiException(403, "Extension.InvalidExtensionIdentifier", "Not a UUID: " + id);
        }
        if (!env.extensions().knows(id)) {
            throw new ExtensionApiException(403, "Extension.Forbidden", "Unknown extension identifier " + id);
        }
        return id;
    }

    private static void error(Response response, Callback callback, ExtensionApiException e) {
        Responses.json(response, callback, e.status(),
                "{\"errorMessage\":" + Json.quote(e.getMessage()) + ",\"errorType\":" + Json.quote(e.errorType()) + "}");
    }

    private static void afterDrain(Request request, Runnable answer) {
        BodyReader.readFromFunction(request, 0, (body, failed) -> answer.run());
    }
}
