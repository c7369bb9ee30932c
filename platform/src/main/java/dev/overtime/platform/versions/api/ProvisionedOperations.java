package dev.overtime.platform.versions.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.environment.EnvironmentPool;
import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.function.DeployedFunction.ProvisionedConfig;
import dev.overtime.platform.invoke.LambdaApiException;
import dev.overtime.platform.versions.VersionsException;
import dev.overtime.platform.versions.VersionsException.Kind;
import org.eclipse.jetty.util.Fields;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

/** Put, Get, Delete and ListProvisionedConcurrencyConfig(s) of an alias or a version. */
final class ProvisionedOperations {

    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private final ObjectMapper json;

    ProvisionedOperations(ObjectMapper json) {
        this.json = json;
    }

    /** 202: the environments start now; the answer says READY only if they already are. */
    Answer put(DeployedFunction function, String qualifier, RequestBody body) throws LambdaApiException,
            VersionsException {
        Integer count = Validation.required(body.integer("ProvisionedConcurrentExecutions"),
                "provisionedConcurrentExecutions");
        Validation.range(count, "provisionedConcurrentExecutions", 1, Integer.MAX_VALUE);
        ProvisionedConfig config = function.putProvisioned(qualifier, count);
        return Answer.of(202, status(function, config, json.createObjectNode()));
    }

    Answer get(DeployedFunction function, String qualifier) throws VersionsException {
        return Answer.of(200, status(function, existing(function, qualifier), json.createObjectNode()));
    }

    Answer delete(DeployedFunction function, String qualifier) throws VersionsException {
        function.deleteProvisioned(qualifier);
        return Answer.noContent();
    }

    /** {@code ?List=ALL}: every alias's and version's setting, each with its qualified ARN. */
    Answer list(DeployedFunction function, Fields query) throws LambdaApiException {
        List<ProvisionedConfig> all = function.provisionedConfigs().stream()
                .sorted(Comparator.comparing(ProvisionedConfig::qualifier)).toList();
        Page<ProvisionedConfig> page = Page.of(all, ProvisionedConfig::qualifier, Comparator.naturalOrder(), query);
        ObjectNode doc = json.createObjectNode();
        ArrayNode items = doc.putArray("ProvisionedConcurrencyConfigs");
        for (ProvisionedConfig config : page.items()) {
            ObjectNode item = items.addObject().put("FunctionArn", function.arn() + ":" + config.qualifier());
            status(function, config, item);
        }
        if (page.nextMarker() != null) {
            doc.put("NextMarker", page.nextMarker());
        }
        return Answer.of(200, doc);
    }

    private static ProvisionedConfig existing(DeployedFunction function, String qualifier) throws VersionsException {
        return function.provisioned(qualifier).orElseThrow(() -> new VersionsException(
                Kind.PROVISIONED_CONFIG_NOT_FOUND, "No Provisioned Concurrency Config found for this function"));
    }

    /** READY once every requested environment is initialised; FAILED when one could not start. */
    private static ObjectNode status(DeployedFunction function, ProvisionedConfig config, ObjectNode doc) {
        EnvironmentPool.ProvisionedState state = function.provisionedState(config.qualifier());
        String status = state.failure() != null ? "FAILED"
                : state.allocated() >= config.requested() ? "READY" : "IN_PROGRESS";
        doc.put("RequestedProvisionedConcurrentExecutions", config.requested());
        doc.put("AvailableProvisionedConcurrentExecutions", state.ready());
        doc.put("AllocatedProvisionedConcurrentExecutions", state.allocated());
        doc.put("Status", status);
        if (state.failure() != null) {
            doc.put("StatusReason", state.failure());
        }
        doc.put("LastModified", LAST_MODIFIED.format(config.lastModified()));
        return doc;
    }
}
