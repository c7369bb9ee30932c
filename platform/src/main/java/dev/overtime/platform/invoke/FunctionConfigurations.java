package dev.overtime.platform.invoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.function.DeployedFunction;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.function.FunctionTarget;
import dev.overtime.platform.function.FunctionVersion;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The FunctionConfiguration and GetFunction documents, with AWS's field names. */
public final class FunctionConfigurations {
    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private final ObjectMapper json;
    private final String region;
    private final String accountId;

    public FunctionConfigurations(ObjectMapper json, String region, String accountId) {
        this.json = json;
        this.region = region;
        this.accountId = accountId;
    }

    public String arn(String name) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
    }

    /** The configuration a qualified request gets: the version the qualifier names now, under the ARN it named. */
    public ObjectNode configuration(FunctionTarget target) {
        FunctionVersion version = target.function().alias(target.qualifier())
                .map(alias -> alias.primary()).orElseGet(() -> {
                    FunctionVersion named = target.version();
                    return named != null ? named : target.function().latest();
                });
        return configuration(target.function(), version, target.qualifier());
    }

    /**
     * One version's FunctionConfiguration.
     *
     * @param qualifier how the caller named it ({@code null}: unqualified, which for {@code $LATEST} gives the
     *                  unqualified ARN); a version is always qualified with its number
     */
    public ObjectNode configuration(DeployedFunction function, FunctionVersion served, String qualifier) {
        FunctionDefinition fn = served.definition();
        ObjectNode c = json.createObjectNode();
        c.put("FunctionName", fn.name());
        String shown = qualifier != null ? qualifier : served.isLatest() ? null : served.version();
        c.put("FunctionArn", arn(fn.name()) + (shown == null ? "" : ":" + shown));
        c.put("Runtime", fn.runtime());
        c.put("Role", "arn:aws:iam::" + accountId + ":role/overtime-" + fn.name());
        if (fn.handler() != null) {
            c.put("Handler", fn.handler());
        }
        c.put("CodeSize", served.code().size());
        c.put("Description", fn.description());
        c.put("Timeout", fn.timeout().toSeconds());
        c.put("MemorySize", fn.memorySizeMb());
        c.put("LastModified", LAST_MODIFIED.format(served.lastModified()));
        c.put("CodeSha256", served.code().sha256());
        c.put("Version", served.version());
        ObjectNode variables = c.putObject("Environment").putObject("Variables");
        fn.environment().forEach(variables::put);
        c.putObject("TracingConfig").put("Mode", "PassThrough");
        c.put("RevisionId", served.revisionId());
        c.put("State", "Active");
        DeployedFunction.UpdateStatus update = served.isLatest() ? function.updateStatus()
                : DeployedFunction.UpdateStatus.SUCCESSFUL;
        c.put("LastUpdateStatus", update.status());
        if (update.reason() != null) {
            c.put("LastUpdateStatusReason", update.reason());
            c.put("LastUpdateStatusReasonCode", update.reasonCode());
        }
        c.put("PackageType", "Zip");
        c.putArray("Architectures").add("x86_64");
        c.putObject("EphemeralStorage").put("Size", fn.ephemeralStorageMb());
        c.putObject("LoggingConfig").put("LogFormat", "Text").put("LogGroup", "/aws/lambda/" + fn.name());
        return c;
    }

    /** GetFunction's document. */
    public ObjectNode function(FunctionTarget target) {
        ObjectNode f = json.createObjectNode();
        ObjectNode configuration = configuration(target);
        f.set("Configuration", configuration);
        FunctionVersion served = target.function().resolve(configuration.get("Version").asText());
        f.putObject("Code").put("RepositoryType", "Local")
                .put("Location", served.definition().code().toUri().toString());
        if (served.definition().reservedConcurrency() != null) {
            f.putObject("Concurrency").put("ReservedConcurrentExecutions", served.definition().reservedConcurrency());
        }
        f.putObject("Tags");
        return f;
    }
}
