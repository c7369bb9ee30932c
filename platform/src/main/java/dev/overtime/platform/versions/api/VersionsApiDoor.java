package dev.overtime.platform.versions.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.function.FunctionTarget;
import dev.overtime.platform.http.BodyReader;
import dev.overtime.platform.http.Responses;
import dev.overtime.platform.invocation.RequestIds;
import dev.overtime.platform.invoke.ApiError;
import dev.overtime.platform.invoke.ApiErrors;
import dev.overtime.platform.invoke.FunctionConfigurations;
import dev.overtime.platform.invoke.FunctionLookup;
import dev.overtime.platform.invoke.FunctionReference;
import dev.overtime.platform.invoke.LambdaApiException;
import dev.overtime.platform.versions.VersionsException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda API's versions, aliases, updates and provisioned concurrency, as the SDKs and the CLI call them:
 * <pre>
 * POST   /2015-03-31/functions/{name}/versions          PublishVersion                  (virtual thread)
 * GET    /2015-03-31/functions/{name}/versions          ListVersionsByFunction
 * POST   /2015-03-31/functions/{name}/aliases           CreateAlias                     (virtual thread)
 * GET    /2015-03-31/functions/{name}/aliases           ListAliases
 * GET    /2015-03-31/functions/{name}/aliases/{alias}   GetAlias
 * PUT    /2015-03-31/functions/{name}/aliases/{alias}   UpdateAlias                     (virtual thread)
 * DELETE /2015-03-31/functions/{name}/aliases/{alias}   DeleteAlias                     (virtual thread)
 * PUT    /2015-03-31/functions/{name}/configuration     UpdateFunctionConfiguration     (virtual thread)
 * PUT    /2015-03-31/functions/{name}/code              UpdateFunctionCode              (virtual thread)
 * DELETE /2015-03-31/functions/{name}?Qualifier=N       DeleteFunction, of a version    (virtual thread)
 * PUT    /2019-09-30/functions/{name}/provisioned-concurrency?Qualifier=q  PutProvisionedConcurrencyConfig
 * GET    /2019-09-30/functions/{name}/provisioned-concurrency?Qualifier=q  GetProvisionedConcurrencyConfig
 * DELETE /2019-09-30/functions/{name}/provisioned-concurrency?Qualifier=q  DeleteProvisionedConcurrencyConfig
 * GET    /2019-09-30/functions/{name}/provisioned-concurrency?List=ALL    ListProvisionedConcurrencyConfigs
 * </pre>
 * Reads of versions and aliases answer on the selector thread: they read immutable maps. Every change
 * runs on a virtual thread, because the core writes it to the data folder before it returns, and
 * updates and publishing copy and hash code. The provisioned concurrency operations all run there:
 * they take the function's lock, which PublishVersion holds while it copies code. Any other
 * {@code /2015-03-31/functions} request is left to the Invoke API door, which must come after this one.
 */
public final class VersionsApiDoor {

    private static final String FUNCTIONS = "/2015-03-31/functions/";
    private static final String PROVISIONED = "/2019-09-30/functions/";
    private static final int MAX_BODY_BYTES = 256 * 1024;
    /**
     * AWS takes a 50 MB zip, about 67 MB once base64-encoded in JSON; the body reader stops at 64 MB, so
     * Overtime takes a body up to 60 MB (a zip of about 45 MB).
     */
    private static final int MAX_CODE_BODY_BYTES = 60 * 1024 * 1024;

    /** One operation, answering or refusing. */
    private interface Operation {
        Answer run() throws LambdaApiException, VersionsException;
    }

    /** One operation on a request body. */
    private interface BodyOperation {
        Answer run(RequestBody body) throws LambdaApiException, VersionsException;
    }

    private final FunctionLookup lookup;
    private final ObjectMapper json;
    private final VersionOperations versions;
    private final AliasOperations aliases;
    private final FunctionUpdates updates;
    private final ProvisionedOperations provisioned;

    public VersionsApiDoor(FunctionLookup lookup, ObjectMapper json) {
        this.lookup = lookup;
        this.json = json;
        FunctionConfigurations configurations = new FunctionConfigurations(json, lookup.region(), lookup.accountId());
        this.versions = new VersionOperations(configurations, json);
        this.aliases = new AliasOperations(json);
        this.updates = new FunctionUpdates(configurations, json);
        this.provisioned = new ProvisionedOperations(json);
    }

    /** True if the request is one of the operations above and was handled. */
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        boolean ours = path.startsWith(PROVISIONED) || path.startsWith(FUNCTIONS) && isServed(
                path.substring(FUNCTIONS.length()).split("/", -1), request.getMethod());
        if (!ours) {
            return false;
        }
        response.getHeaders().put("x-amzn-RequestId", RequestIds.next());
        try {
            if (path.startsWith(PROVISIONED)) {
                routeProvisioned(path.substring(PROVISIONED.length()).split("/", -1), request, response, callback);
            } else {
                route(path.substring(FUNCTIONS.length()).split("/", -1), request, response, callback);
            }
        } catch (LambdaApiException e) {
            ApiErrors.render(response, callback, e);
        } catch (RuntimeException e) {
            ApiErrors.render(response, callback, unexpected(e));
        }
        return true;
    }

    private static boolean isServed(String[] parts, String method) {
        return switch (parts.length) {
            case 1 -> method.equals("DELETE");
            case 2 -> switch (parts[1]) {
                case "versions", "aliases" -> method.equals("GET") || method.equals("POST");
                case "configuration", "code" -> method.equals("PUT");
                default -> false;
            };
            case 3 -> parts[1].equals("aliases") && !parts[2].isEmpty()
                    && (method.equals("GET") || method.equals("PUT") || method.equals("DELETE"));
            default -> false;
        };
    }

    private void route(String[] parts, Request request, Response response, Callback callback)
            throws LambdaApiException {
        String method = request.getMethod();
        String name = decode(parts[0]);
        Fields query = Request.extractQueryParameters(request);
        if (parts.length == 1) {
            FunctionTarget target = lookup.find(name, query.getValue("Qualifier"));
            offSelector(() -> versions.delete(target), response, callback);
            return;
        }
        DeployedFunction function = lookup.function(name);
        String resource = parts[1] + (parts.length == 3 ? "/" : "") + " " + method;
        switch (resource) {
            case "versions GET" -> now(() -> versions.list(function, query), response, callback);
            case "versions POST" -> withBody(request, MAX_BODY_BYTES, body -> versions.publish(function, body),
                    response, callback);
            case "aliases GET" -> now(() -> aliases.list(function, query), response, callback);
            case "aliases POST" -> withBody(request, MAX_BODY_BYTES, body -> aliases.create(function, body),
                    response, callback);
            case "aliases/ GET" -> now(() -> aliases.get(function, decode(parts[2])), response, callback);
            case "aliases/ PUT" -> withBody(request, MAX_BODY_BYTES,
                    body -> aliases.update(function, decode(parts[2]), body), response, callback);
            case "aliases/ DELETE" -> offSelector(() -> aliases.delete(function, decode(parts[2])), response,
                    callback);
            case "configuration PUT" -> withBody(request, MAX_BODY_BYTES,
                    body -> updates.configuration(function, body), response, callback);
            case "code PUT" -> withBody(request, MAX_CODE_BODY_BYTES, body -> updates.code(function, body),
                    response, callback);
            default -> throw new IllegalStateException("isServed accepted " + resource);
        }
    }

    private void routeProvisioned(String[] parts, Request request, Response response, Callback callback)
            throws LambdaApiException {
        String method = request.getMethod();
        if (parts.length != 2 || !parts[1].equals("provisioned-concurrency")) {
            throw new LambdaApiException(ApiError.UNKNOWN_OPERATION, "Overtime does not serve " + method + " "
                    + PROVISIONED + String.join("/", parts));
        }
        String name = decode(parts[0]);
        Fields query = Request.extractQueryParameters(request);
        if (method.equals("GET") && query.getValue("List") != null) {
            DeployedFunction function = lookup.function(name);
            offSelector(() -> provisioned.list(function, query), response, callback);
            return;
        }
        String qualifier = FunctionReference.parse(name, query.getValue("Qualifier"), lookup.region()).qualifier();
        Validation.required(qualifier, "qualifier");
        DeployedFunction function = lookup.find(name, qualifier).function();
        switch (method) {
            case "PUT" -> withBody(request, MAX_BODY_BYTES, body -> provisioned.put(function, qualifier, body),
                    response, callback);
            case "GET" -> offSelector(() -> provisioned.get(function, qualifier), response, callback);
            case "DELETE" -> offSelector(() -> provisioned.delete(function, qualifier), response, callback);
            default -> throw new LambdaApiException(ApiError.UNKNOWN_OPERATION, "Overtime does not serve " + method
                    + " " + PROVISIONED + String.join("/", parts));
        }
    }

    /** Reads the body without blocking, then runs {@code operation} on a virtual thread. */
    private void withBody(Request request, int limit, BodyOperation operation, Response response,
                          Callback callback) throws LambdaApiException {
        if (request.getLength() > limit) {
            throw tooLarge(limit);
        }
        BodyReader.read(request, limit, (body, failed) -> {
            if (failed != null) {
                ApiErrors.render(response, callback, new LambdaApiException(ApiError.INVALID_REQUEST_CONTENT,
                        "Could not read the request body: " + failed.getMessage()));
            } else if (body.exceeded(limit)) {
                ApiErrors.render(response, callback, tooLarge(limit));
            } else {
                offSelector(() -> operation.run(RequestBody.parse(json, body)), response, callback);
            }
        });
    }

    private void offSelector(Operation operation, Response response, Callback callback) {
        Thread.ofVirtual().name("overtime-versions-api").start(() -> now(operation, response, callback));
    }

    private void now(Operation operation, Response response, Callback callback) {
        Answer answer;
        try {
            answer = operation.run();
        } catch (LambdaApiException e) {
            ApiErrors.render(response, callback, e);
            return;
        } catch (VersionsException e) {
            ApiErrors.render(response, callback, Failures.of(e));
            return;
        } catch (RuntimeException e) {
            ApiErrors.render(response, callback, unexpected(e));
            return;
        }
        if (answer.body() == null) {
            Responses.empty(response, callback, answer.status());
            return;
        }
        try {
            Responses.send(response, callback, answer.status(), "application/json",
                    json.writeValueAsBytes(answer.body()));
        } catch (java.io.IOException e) {
            ApiErrors.render(response, callback, unexpected(e));
        }
    }

    private static LambdaApiException tooLarge(int limit) {
        return new LambdaApiException(ApiError.REQUEST_TOO_LARGE, "Request must be smaller than " + limit
                + " bytes for this operation");
    }

    private static LambdaApiException unexpected(Exception e) {
        return new LambdaApiException(ApiError.SERVICE, "Overtime failed to handle the request: " + e);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
