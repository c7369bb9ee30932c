package dev.overtime.platform.appsync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.http.Responses;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The read side of AppSync's management API on the main port, so the AWS SDKs and CLI discover the
 * GraphQL APIs a template declared:
 * <pre>
 * GET /v1/apis                         ListGraphqlApis (uris.GRAPHQL and uris.REALTIME: the local URLs)
 * GET /v1/apis/{id}                    GetGraphqlApi
 * GET /v1/apis/{id}/apikeys            ListApiKeys
 * GET /v1/apis/{id}/schema?format=SDL  GetIntrospectionSchema
 * </pre>
 * An unknown id is AppSync's 404 {@code NotFoundException}.
 */
public final class AppSyncDiscovery {

    private static final String PREFIX = "/v1/apis";

    private final GraphQlDoor door;
    private final String region;
    private final String accountId;
    private final ObjectMapper json;

    public AppSyncDiscovery(GraphQlDoor door, String region, String accountId, ObjectMapper json) {
        this.door = door;
        this.region = region;
        this.accountId = accountId;
        this.json = json;
    }

    /** True if the request is a discovery call and was answered. */
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            return false;
        }
        if (!request.getMethod().equals("GET")) {
            error(response, callback, 400, "BadRequestException", "Overtime serves GraphQL APIs from the template; "
                    + request.getMethod() + " " + path + " is not served");
            return true;
        }
        String[] parts = path.substring(PREFIX.length()).split("/");
        if (parts.length <= 1) {
            ObjectNode doc = json.createObjectNode();
            ArrayNode items = doc.putArray("graphqlApis");
            door.all().forEach(api -> items.add(api(api)));
            doc.putNull("nextToken");
            Responses.json(response, callback, 200, json.writeValueAsString(doc));
            return true;
        }
        Optional<ServedGraphQlApi> found = door.find(parts[1]);
        if (found.isEmpty()) {
            error(response, callback, 404, "NotFoundException", "GraphQL API " + parts[1] + " not found.");
            return true;
        }
        ServedGraphQlApi api = found.get();
        if (parts.length == 2) {
            ObjectNode doc = json.createObjectNode();
            doc.set("graphqlApi", api(api));
            Responses.json(response, callback, 200, json.writeValueAsString(doc));
        } else if (parts.length == 3 && parts[2].equals("apikeys")) {
            ObjectNode doc = json.createObjectNode();
            ArrayNode keys = doc.putArray("apiKeys");
            for (GraphQlApiKey key : api.definition().apiKeys()) {
                long expires = key.expiresEpochSeconds() > 0 ? key.expiresEpochSeconds()
                        : api.created().getEpochSecond() + 7 * 24 * 3600;
                ObjectNode k = keys.addObject();
                k.put("id", key.id());
                k.put("description", key.description());
                k.put("expires", expires);
                k.put("deletes", expires + 60 * 24 * 3600);
            }
            doc.putNull("nextToken");
            Responses.json(response, callback, 200, json.writeValueAsString(doc));
        } else if (parts.length == 3 && parts[2].equals("schema")) {
            Responses.send(response, callback, 200, "application/octet-stream",
                    api.definition().schema().getBytes(StandardCharsets.UTF_8));
        } else {
            error(response, callback, 404, "NotFoundException", "Overtime does not serve " + path);
        }
        return true;
    }

    private ObjectNode api(ServedGraphQlApi served) {
        GraphQlApiDefinition definition = served.definition();
        ObjectNode api = json.createObjectNode();
        api.put("name", definition.name());
        api.put("apiId", definition.id());
        api.put("authenticationType", definition.defaultAuth().name());
        api.put("arn", "arn:aws:appsync:" + region + ":" + accountId + ":apis/" + definition.id());
        ObjectNode uris = api.putObject("uris");
        uris.put("GRAPHQL", served.graphQlUrl());
        uris.put("REALTIME", served.realtimeUrl());
        ObjectNode dns = api.putObject("dns");
        dns.put("GRAPHQL", served.host() + ":" + served.port());
        dns.put("REALTIME", served.host() + ":" + served.port());
        api.putObject("tags");
        ArrayNode additional = api.putArray("additionalAuthenticationProviders");
        definition.authModes().stream().skip(1).forEach(m -> additional.addObject().put("authenticationType", m.name()));
        api.put("xrayEnabled", false);
        api.put("visibility", "GLOBAL");
        api.put("apiType", "GRAPHQL");
        api.put("introspectionConfig", "ENABLED");
        api.put("owner", accountId);
        return api;
    }

    private void error(Response response, Callback callback, int status, String type, String message)
            throws Exception {
        response.getHeaders().put("x-amzn-ErrorType", type);
        ObjectNode body = json.createObjectNode();
        body.put("message", message);
        body.put("errorType", type);
        Responses.json(response, callback, status, json.writeValueAsString(body));
    }
}
