package dev.overtime.platform.versions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.function.FunctionVersion;
import dev.overtime.platform.invoke.ApiError;
import dev.overtime.platform.invoke.LambdaApiException;
import dev.overtime.platform.versions.Alias;
import dev.overtime.platform.versions.VersionsException;
import org.eclipse.jetty.util.Fields;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** CreateAlias, GetAlias, UpdateAlias, DeleteAlias and ListAliases, answering AWS's AliasConfiguration. */
final class AliasOperations {

    private static final Pattern NAME = Pattern.compile("(?!^[0-9]+$)([a-zA-Z0-9-_]+)");
    private static final Pattern VERSION = Pattern.compile("(\\$LATEST|[0-9]+)");
    private static final Pattern WEIGHTED_VERSION = Pattern.compile("[0-9]+");

    /**
     * {@code RoutingConfig} as a request gives it.
     *
     * @param version the additional version, or null when the request gives no weight (which removes routing)
     */
    private record Routing(String version, double weight) {
    }

    private final ObjectMapper json;

    AliasOperations(ObjectMapper json) {
        this.json = json;
    }

    Answer create(DeployedFunction function, RequestBody body) throws LambdaApiException, VersionsException {
        String name = Validation.required(body.text("Name"), "name");
        validName(name);
        String version = Validation.required(body.text("FunctionVersion"), "functionVersion");
        validVersion(version);
        String description = description(body);
        Routing routing = routing(body);
        String additional = routing == null ? null : routing.version();
        Alias alias = function.createAlias(name, version, additional, additional == null ? 0 : routing.weight(),
                description);
        return Answer.of(201, document(function, alias));
    }

    Answer get(DeployedFunction function, String name) throws LambdaApiException {
        validName(name);
        Alias alias = function.alias(name).orElseThrow(() -> new LambdaApiException(ApiError.RESOURCE_NOT_FOUND,
                "Alias not found: " + function.arn() + ":" + name));
        return Answer.of(200, document(function, alias));
    }

    /** Fields left out stay as they are; a RoutingConfig without weights removes the routing. */
    Answer update(DeployedFunction function, String name, RequestBody body) throws LambdaApiException,
            VersionsException {
        validName(name);
        String version = body.text("FunctionVersion");
        validVersion(version);
        String description = description(body);
        Routing routing = routing(body);
        String additional = routing == null ? null : routing.version() == null ? "" : routing.version();
        Double weight = routing == null ? null : routing.weight();
        Alias alias = function.updateAlias(name, version, additional, weight, description, body.text("RevisionId"));
        return Answer.of(200, document(function, alias));
    }

    Answer delete(DeployedFunction function, String name) throws LambdaApiException, VersionsException {
        validName(name);
        function.deleteAlias(name);
        return Answer.noContent();
    }

    /** Aliases by name; with {@code FunctionVersion}, only those that send invocations to that version. */
    Answer list(DeployedFunction function, Fields query) throws LambdaApiException {
        String version = query.getValue("FunctionVersion");
        validVersion(version);
        List<Alias> aliases = function.aliases().stream()
                .filter(a -> version == null || a.uses(version))
                .sorted(Comparator.comparing(Alias::name))
                .toList();
        Page<Alias> page = Page.of(aliases, Alias::name, Comparator.naturalOrder(), query);
        ObjectNode doc = json.createObjectNode();
        ArrayNode list = doc.putArray("Aliases");
        page.items().forEach(a -> list.add(document(function, a)));
        if (page.nextMarker() != null) {
            doc.put("NextMarker", page.nextMarker());
        }
        return Answer.of(200, doc);
    }

    private ObjectNode document(DeployedFunction function, Alias alias) {
        ObjectNode doc = json.createObjectNode();
        doc.put("AliasArn", function.arn() + ":" + alias.name());
        doc.put("Name", alias.name());
        doc.put("FunctionVersion", alias.primary().version());
        doc.put("Description", alias.description());
        if (alias.secondary() != null) {
            doc.putObject("RoutingConfig").putObject("AdditionalVersionWeights")
                    .put(alias.secondary().version(), alias.secondaryWeight());
        }
        doc.put("RevisionId", alias.revisionId());
        return doc;
    }

    private static String description(RequestBody body) throws LambdaApiException {
        String description = body.text("Description");
        Validation.length(description, "description", 0, 256);
        return description;
    }

    /** Null when the request has no RoutingConfig; AWS allows one additional version. */
    private static Routing routing(RequestBody body) throws LambdaApiException {
        ObjectNode config = body.object("RoutingConfig");
        if (config == null) {
            return null;
        }
        JsonNode weights = config.get("AdditionalVersionWeights");
        if (weights == null || weights.isNull() || weights.isEmpty()) {
            return new Routing(null, 0);
        }
        if (!weights.isObject()) {
            throw RequestBody.wrongType("RoutingConfig.AdditionalVersionWeights", "an object");
        }
        String member = "routingConfig.additionalVersionWeights";
        if (weights.size() > 1) {
            throw Validation.failed(weights.toString(), member, "have length less than or equal to 1");
        }
        Map.Entry<String, JsonNode> entry = weights.properties().iterator().next();
        String version = entry.getKey();
        // $LATEST passes through: the core explains why it cannot carry a weight.
        if (!version.equals(FunctionVersion.LATEST)) {
            Validation.length(version, member, 1, 1024);
            Validation.pattern(version, member, WEIGHTED_VERSION);
        }
        if (!entry.getValue().isNumber()) {
            throw RequestBody.wrongType("RoutingConfig.AdditionalVersionWeights." + version, "a number");
        }
        double weight = entry.getValue().doubleValue();
        if (!(weight >= 0 && weight <= 1)) {
            throw new LambdaApiException(ApiError.VALIDATION, "1 validation error detected: Value '"
                    + weights + "' at '" + member + "' failed to satisfy constraint: Map value must satisfy "
                    + "constraint: [Member must have value less than or equal to 1.0, Member must have value "
                    + "greater than or equal to 0.0]");
        }
        return new Routing(version, weight);
    }

    private static void validName(String name) throws LambdaApiException {
        Validation.length(name, "name", 1, 128);
        Validation.pattern(name, "name", NAME);
    }

    private static void validVersion(String version) throws LambdaApiException {
        Validation.length(version, "functionVersion", 1, 1024);
        Validation.pattern(version, "functionVersion", VERSION);
    }
}
