package dev.overtime.platform.security;

import dev.overtime.platform.invoke.FunctionReference;
import dev.overtime.platform.invoke.LambdaApiException;
import org.eclipse.jetty.server.Request;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Names the IAM action and resource of a request to the main port's AWS APIs. It reads the same
 * normalised path the doors route on ({@link Request#getPathInContext}: dot-segments resolved,
 * {@code ;params} dropped, escapes decoded) and decodes a function name segment as they do, so the
 * policy is checked against the function the request actually reaches. A request it cannot name is
 * {@code overtime:UnknownOperation} on {@code *}: allowed only to principals allowed everything.
 * <pre>
 * /2015-03-31/functions/...        lambda:InvokeFunction, GetFunction, GetFunctionConfiguration, ListFunctions,
 *                                  PublishVersion, ListVersionsByFunction, CreateAlias, GetAlias, ...
 * /2021-11-15/.../response-streaming-invocations   lambda:InvokeFunction
 * /2014-11-13/.../invoke-async/    lambda:InvokeAsync
 * /2019-09-25/.../event-invoke-config[/list]       lambda:{Get,Put,Update,Delete,List}FunctionEventInvokeConfig(s)
 * /2019-09-30/.../provisioned-concurrency          lambda:{Get,Put,Delete,List}ProvisionedConcurrencyConfig(s)
 * /2021-10-31/.../url, /urls       lambda:GetFunctionUrlConfig, ListFunctionUrlConfigs
 * /restapis..., /v2/apis...        apigateway:GET on arn:aws:apigateway:REGION::PATH
 * /v1/apis...                      appsync:ListGraphqlApis, GetGraphqlApi, ListApiKeys, GetIntrospectionSchema
 * /overtime/functions/F/events...  overtime:ListEvents, GetEvent, RedriveEvents on the function's ARN
 * /overtime/webhooks/events...     the same on arn:overtime:webhook::URL
 * /overtime/environments           overtime:ListEnvironments on *
 * </pre>
 */
public final class ApiActions {

    private static final RequestedAction UNKNOWN = new RequestedAction("overtime:UnknownOperation", "*", null);

    private final String region;
    private final String accountId;

    public ApiActions(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    public RequestedAction of(Request request) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        String qualifier = path.startsWith("/overtime/") || path.startsWith("/v")
                || path.startsWith("/restapis") ? null : Request.extractQueryParameters(request).getValue("Qualifier");
        if (path.startsWith("/2015-03-31/functions")) {
            return functions(path.substring("/2015-03-31/functions".length()), method, qualifier);
        }
        String[] parts = segments(path);
        if (path.startsWith("/2021-11-15/functions/") && parts.length == 4 && method.equals("POST")) {
            return lambda("InvokeFunction", parts[2], qualifier);
        }
        if (path.startsWith("/2014-11-13/functions/") && parts.length >= 4 && method.equals("POST")) {
            return lambda("InvokeAsync", parts[2], qualifier);
        }
        if (path.startsWith("/2019-09-25/functions/") && parts.length >= 4) {
            boolean list = parts.length == 5 && parts[4].equals("list");
            return lambda(list ? "ListFunctionEventInvokeConfigs" : switch (method) {
                case "GET" -> "GetFunctionEventInvokeConfig";
                case "PUT" -> "PutFunctionEventInvokeConfig";
                case "POST" -> "UpdateFunctionEventInvokeConfig";
                case "DELETE" -> "DeleteFunctionEventInvokeConfig";
                default -> "UnknownOperation";
            }, parts[2], qualifier);
        }
        if (path.startsWith("/2019-09-30/functions/") && parts.length >= 4) {
            boolean list = "ALL".equals(Request.extractQueryParameters(request).getValue("List"));
            return lambda(list ? "ListProvisionedConcurrencyConfigs" : switch (method) {
                case "GET" -> "GetProvisionedConcurrencyConfig";
                case "PUT" -> "PutProvisionedConcurrencyConfig";
                case "DELETE" -> "DeleteProvisionedConcurrencyConfig";
                default -> "UnknownOperation";
            }, parts[2], qualifier);
        }
        if (path.startsWith("/2021-10-31/functions/") && parts.length == 4) {
            return lambda(parts[3].equals("urls") ? "ListFunctionUrlConfigs" : "GetFunctionUrlConfig", parts[2], qualifier);
        }
        if (path.equals("/restapis") || path.startsWith("/restapis/") || path.equals("/v2/apis")
                || path.startsWith("/v2/apis/")) {
            return new RequestedAction("apigateway:" + method, "arn:aws:apigateway:" + region + "::" + path, "apigateway");
        }
        if (path.equals("/v1/apis") || path.startsWith("/v1/apis/")) {
            return appSync(parts);
        }
        if (path.startsWith("/overtime/")) {
            return overtime(path, parts, method, request);
        }
        return UNKNOWN;
    }

    private RequestedAction functions(String rest, String method, String qualifier) {
        if (rest.isEmpty() || rest.equals("/")) {
            return new RequestedAction("lambda:" + (method.equals("GET") ? "ListFunctions" : "UnknownOperation"), "*",
                    "lambda");
        }
        String[] parts = rest.substring(1).split("/", -1);
        String name = parts[0];
        String operation = switch (parts.length) {
            case 1 -> method.equals("DELETE") ? "DeleteFunction" : method.equals("GET") ? "GetFunction" : null;
            case 2 -> switch (parts[1] + " " + method) {
                case "invocations POST" -> "InvokeFunction";
                case "configuration GET" -> "GetFunctionConfiguration";
                case "configuration PUT" -> "UpdateFunctionConfiguration";
                case "code PUT" -> "UpdateFunctionCode";
                case "versions GET" -> "ListVersionsByFunction";
                case "versions POST" -> "PublishVersion";
                case "aliases GET" -> "ListAliases";
                case "aliases POST" -> "CreateAlias";
                default -> null;
            };
            case 3 -> !parts[1].equals("aliases") ? null : switch (method) {
                case "GET" -> "GetAlias";
                case "PUT" -> "UpdateAlias";
                case "DELETE" -> "DeleteAlias";
                default -> null;
            };
            default -> null;
        };
        return lambda(operation == null ? "UnknownOperation" : operation, name, qualifier);
    }

    private RequestedAction lambda(String operation, String nameSegment, String qualifier) {
        return new RequestedAction("lambda:" + operation, functionArn(nameSegment, qualifier), "lambda");
    }

    /** The ARN of the function the doors find for this path segment, decoded as they decode it. */
    String functionArn(String nameSegment, String qualifier) {
        String reference;
        try {
            reference = URLDecoder.decode(nameSegment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            reference = nameSegment;
        }
        try {
            FunctionReference parsed = FunctionReference.parse(reference, qualifier, region);
            return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + parsed.name()
                    + (parsed.qualifier() == null ? "" : ":" + parsed.qualifier());
        } catch (LambdaApiException e) {
            // The door refuses this name; the policy still sees what was asked for.
            return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + reference;
        }
    }

    private RequestedAction appSync(String[] parts) {
        String apis = "arn:aws:appsync:" + region + ":" + accountId + ":apis";
        return switch (parts.length) {
            case 2 -> new RequestedAction("appsync:ListGraphqlApis", apis + "/*", "appsync");
            case 3 -> new RequestedAction("appsync:GetGraphqlApi", apis + "/" + parts[2], "appsync");
            case 4 -> new RequestedAction(switch (parts[3]) {
                case "apikeys" -> "appsync:ListApiKeys";
                case "schema" -> "appsync:GetIntrospectionSchema";
                default -> "appsync:UnknownOperation";
            }, apis + "/" + parts[2], "appsync");
            default -> UNKNOWN;
        };
    }

    private RequestedAction overtime(String path, String[] parts, String method, Request request) {
        if (path.equals("/overtime/environments")) {
            return new RequestedAction("overtime:ListEnvironments", "*", null);
        }
        String resource;
        int events;
        if (path.startsWith("/overtime/webhooks/events")) {
            String url = Request.extractQueryParameters(request).getValue("url");
            resource = "arn:overtime:webhook::" + (url == null ? "" : url);
            events = 2;
        } else if (path.startsWith("/overtime/functions/") && parts.length >= 4) {
            resource = functionArn(parts[2], null);
            events = 3;
        } else {
            return UNKNOWN;
        }
        int after = parts.length - events - 1;
        String action;
        if (method.equals("POST") && parts[parts.length - 1].equals("redrive")) {
            action = "overtime:RedriveEvents";
        } else if (method.equals("GET") && after == 0) {
            action = "overtime:ListEvents";
        } else if (method.equals("GET") && after == 1) {
            action = "overtime:GetEvent";
        } else {
            action = "overtime:UnknownOperation";
        }
        return new RequestedAction(action, resource, null);
    }

    /** The path's segments without the empty one before its leading slash. */
    private static String[] segments(String path) {
        return path.substring(1).split("/", -1);
    }
}
