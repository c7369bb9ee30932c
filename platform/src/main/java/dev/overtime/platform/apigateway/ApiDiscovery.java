package dev.overtime.platform.apigateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.http.Responses;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.Optional;

/**
 * The read side of API Gateway's management APIs on the main port, so the AWS SDKs and CLI discover
 * the APIs a template declared:
 * <pre>
 * GET /restapis                 GetRestApis          GET /v2/apis               GetApis (ApiEndpoint: the local URL)
 * GET /restapis/{id}            GetRestApi           GET /v2/apis/{id}          GetApi
 * GET /restapis/{id}/stages     GetStages            GET /v2/apis/{id}/stages   GetStages
 * </pre>
 * An unknown id is API Gateway's 404 {@code NotFoundException}.
 */
public final class ApiDiscovery {

    private final ApiGatewayDoor door;
    private final ObjectMapper json;

    public ApiDiscovery(ApiGatewayDoor door, ObjectMapper json) {
        this.door = door;
        this.json = json;
    }

    /** True if the request is a discovery call and was answered. */
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        boolean v1 = path.equals("/restapis") || path.startsWith("/restapis/");
        boolean v2 = path.equals("/v2/apis") || path.startsWith("/v2/apis/");
        if (!v1 && !v2) {
            return false;
        }
        if (!request.getMethod().equals("GET")) {
            notFound(response, callback, "Overtime serves APIs from the template; " + request.getMethod() + " "
                    + path + " is not served");
            return true;
        }
        String[] parts = path.substring(v1 ? "/restapis".length() : "/v2/apis".length()).split("/");
        // parts[0] is empty; parts[1] the id; parts[2] "stages"
        if (parts.length <= 1) {
            ObjectNode doc = json.createObjectNode();
            ArrayNode items = doc.putArray(v1 ? "item" : "items");
            for (ServedApi api : door.all()) {
                if ((api.definition().kind() == ApiKind.REST) == v1) {
                    items.add(v1 ? restApi(api) : httpApi(api));
                }
            }
            Responses.json(response, callback, 200, json.writeValueAsString(doc));
            return true;
        }
        Optional<ServedApi> found = door.find(parts[1]).filter(a -> (a.definition().kind() == ApiKind.REST) == v1);
        if (found.isEmpty()) {
            notFound(response, callback, "Invalid API identifier specified " + parts[1]);
            return true;
        }
        ServedApi api = found.get();
        if (parts.length == 2) {
            Responses.json(response, callback, 200, json.writeValueAsString(v1 ? restApi(api) : httpApi(api)));
        } else if (parts.length == 3 && parts[2].equals("stages")) {
            ObjectNode doc = json.createObjectNode();
            doc.putArray(v1 ? "item" : "items").add(stage(api, v1));
            Responses.json(response, callback, 200, json.writeValueAsString(doc));
        } else {
            notFound(response, callback, "Overtime does not serve GET " + path);
        }
        return true;
    }

    private ObjectNode restApi(ServedApi api) {
        ApiDefinition d = api.definition();
        ObjectNode node = json.createObjectNode();
        node.put("id", d.id());
        node.put("name", d.name());
        node.put("createdDate", api.created().getEpochSecond());
        node.put("apiKeySource", "HEADER");
        node.put("rootResourceId", ApiIds.resourceId(d.id(), "/"));
        node.putObject("endpointConfiguration").putArray("types").add("REGIONAL");
        node.put("disableExecuteApiEndpoint", false);
        node.putObject("tags").put("overtime:url", api.url());
        return node;
    }

    private ObjectNode httpApi(ServedApi api) {
        ApiDefinition d = api.definition();
        ObjectNode node = json.createObjectNode();
        node.put("apiId", d.id());
        node.put("name", d.name());
        node.put("protocolType", "HTTP");
        node.put("apiEndpoint", api.url());
        node.put("routeSelectionExpression", "$request.method $request.path");
        node.put("apiKeySelectionExpression", "$request.header.x-api-key");
        node.put("createdDate", api.created().toString());
        node.put("disableExecuteApiEndpoint", false);
        return node;
    }

    private ObjectNode stage(ServedApi api, boolean v1) {
        ApiDefinition d = api.definition();
        ObjectNode node = json.createObjectNode();
        node.put(v1 ? "stageName" : "stageName", d.stage());
        ObjectNode variables = node.putObject(v1 ? "variables" : "stageVariables");
        d.stageVariables().forEach(variables::put);
        if (v1) {
            node.put("deploymentId", ApiIds.of(d.id(), "deployment"));
            node.put("createdDate", api.created().getEpochSecond());
            node.put("lastUpdatedDate", api.created().getEpochSecond());
        } else {
            node.put("autoDeploy", true);
            node.put("createdDate", api.created().toString());
            node.put("lastUpdatedDate", api.created().toString());
        }
        return node;
    }

    private static void notFound(Response response, Callback callback, String message) {
        response.getHeaders().put("x-amzn-ErrorType", "NotFoundException");
        Responses.json(response, callback, 404, "{\"message\":\"" + message.replace("\"", "'") + "\"}");
    }
}
