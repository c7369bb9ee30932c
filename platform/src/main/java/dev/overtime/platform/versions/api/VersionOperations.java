package dev.overtime.platform.versions.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.function.FunctionTarget;
import dev.overtime.platform.function.FunctionVersion;
import dev.overtime.platform.invoke.ApiError;
import dev.overtime.platform.invoke.FunctionConfigurations;
import dev.overtime.platform.invoke.LambdaApiException;
import dev.overtime.platform.versions.VersionsException;
import org.eclipse.jetty.util.Fields;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** PublishVersion, ListVersionsByFunction and DeleteFunction of a version. */
final class VersionOperations {

    /** {@code $LATEST} first, then versions by number; a marker that is neither sorts last. */
    static final Comparator<String> VERSION_ORDER = Comparator.comparingLong(VersionOperations::rank);

    private final FunctionConfigurations configurations;
    private final ObjectMapper json;

    VersionOperations(FunctionConfigurations configurations, ObjectMapper json) {
        this.configurations = configurations;
        this.json = json;
    }

    /** {@code POST .../versions}: 201 with the version's configuration (the newest one when nothing changed). */
    Answer publish(DeployedFunction function, RequestBody body) throws LambdaApiException, VersionsException {
        String description = body.text("Description");
        Validation.length(description, "description", 0, 256);
        FunctionVersion version = function.publish(description, body.text("CodeSha256"), body.text("RevisionId"));
        return Answer.of(201, configurations.configuration(function, version, null));
    }

    /** {@code GET .../versions}: {@code $LATEST} (qualified, as AWS lists it), then every published version. */
    Answer list(DeployedFunction function, Fields query) throws LambdaApiException {
        List<FunctionVersion> all = new ArrayList<>();
        all.add(function.latest());
        all.addAll(function.versions());
        Page<FunctionVersion> page = Page.of(all, FunctionVersion::version, VERSION_ORDER, query);
        ObjectNode doc = json.createObjectNode();
        ArrayNode versions = doc.putArray("Versions");
        for (FunctionVersion version : page.items()) {
            versions.add(configurations.configuration(function, version, version.version()));
        }
        if (page.nextMarker() != null) {
            doc.put("NextMarker", page.nextMarker());
        }
        return Answer.of(200, doc);
    }

    /** {@code DELETE /functions/{name}?Qualifier=N}: only a published version can go; the template owns the rest. */
    Answer delete(FunctionTarget target) throws LambdaApiException, VersionsException {
        String qualifier = target.qualifier();
        if (qualifier == null || qualifier.equals(FunctionVersion.LATEST)) {
            throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE, "Overtime serves " + target.name()
                    + " from the template, so DeleteFunction deletes only a published version: pass Qualifier with "
                    + "a version number. To remove the function, remove it from the template.");
        }
        if (target.function().alias(qualifier).isPresent()) {
            throw new LambdaApiException(ApiError.INVALID_PARAMETER_VALUE, qualifier + " is an alias of "
                    + target.name() + ": DeleteFunction deletes only a published version. Use DeleteAlias to "
                    + "delete the alias.");
        }
        target.function().deleteVersion(qualifier);
        return Answer.noContent();
    }

    private static long rank(String version) {
        if (version.equals(FunctionVersion.LATEST)) {
            return -1;
        }
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
