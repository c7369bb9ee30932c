package dev.overtime.platform.versions.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.function.FunctionVersion;
import dev.overtime.platform.invoke.FunctionConfigurations;
import dev.overtime.platform.invoke.LambdaApiException;
import dev.overtime.platform.versions.ConfigurationChange;
import dev.overtime.platform.versions.VersionsException;

/**
 * UpdateFunctionConfiguration and UpdateFunctionCode: {@code $LATEST} changes, published versions keep
 * what they were published with. Both copy or hash code, so they run on a virtual thread.
 */
final class FunctionUpdates {

    private final FunctionConfigurations configurations;
    private final ObjectMapper json;

    FunctionUpdates(FunctionConfigurations configurations, ObjectMapper json) {
        this.configurations = configurations;
        this.json = json;
    }

    /** {@code PUT .../configuration}. */
    Answer configuration(DeployedFunction function, RequestBody body) throws LambdaApiException, VersionsException {
        ConfigurationChange change = ConfigurationRequest.read(body, json);
        FunctionVersion updated = function.update(change, body.text("RevisionId"));
        return Answer.of(200, asJustUpdated(configurations.configuration(function, updated, null)));
    }

    /** {@code PUT .../code}; with {@code Publish}, answers the version published from the new code. */
    Answer code(DeployedFunction function, RequestBody body) throws LambdaApiException, VersionsException {
        CodeRequest request = CodeRequest.read(body);
        if (request.dryRun()) {
            return Answer.of(200, configurations.configuration(function, function.latest(), null));
        }
        FunctionVersion updated = switch (request.source()) {
            case CodeRequest.Source.Zip zip -> function.updateCode(zip.bytes(), request.revisionId());
            case CodeRequest.Source.Local local -> function.update(new ConfigurationChange(null, null, null, null, null,
                    null, null, local.path().toString(), null), request.revisionId());
        };
        if (request.publish()) {
            FunctionVersion published = function.publish(null, null, null);
            return Answer.of(200, configurations.configuration(function, published, null));
        }
        return Answer.of(200, asJustUpdated(configurations.configuration(function, updated, null)));
    }

    /**
     * AWS answers an update while it is still being applied, so its answer says {@code InProgress} and
     * callers (the SDK's waiters, the CLI) poll until a read says {@code Successful}. Overtime has
     * applied it by now; it answers the same way so that such callers behave as they do against AWS.
     */
    private static ObjectNode asJustUpdated(ObjectNode configuration) {
        configuration.put("LastUpdateStatus", "InProgress");
        configuration.put("LastUpdateStatusReason", "The function is being created.");
        configuration.put("LastUpdateStatusReasonCode", "Creating");
        return configuration;
    }
}
