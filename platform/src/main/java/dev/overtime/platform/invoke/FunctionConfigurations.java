package dev.overtime.platform.invoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overtime.platform.function.FunctionDefinition;
import dev.overtime.platform.function.FunctionRegistry;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** The FunctionConfiguration and GetFunction documents, with AWS's field names. */
final class FunctionConfigurations {
    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private final ObjectMapper json;
    private final String region;
    private final String accountId;

    FunctionConfigurations(ObjectMapper json, String region, String accountId) {
        this.json = json;
        this.region = region;
        this.accountId = accountId;
    }

    String arn(String name) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
    }

    ObjectNode configuration(FunctionRegistry.ServedFunction served) {
        FunctionDefinition fn = served.definition();
        ObjectNode c = json.createObjectNode();
        c.put("FunctionName", fn.name());
        c.put("FunctionArn", arn(fn.name()));
        c.put("Runtime", fn.runtime());
        c.put("Role", "arn:aws:iam::" + accountId + ":role/overtime-" + fn.name());
        if (fn.handler() != null) {
            c.put("Handler", fn.handler());
        }
        c.put("CodeSize", served.code().size());
        c.put("Description", fn.description());
        c.put("Timeout", fn.timeout().toSeconds());
        c.put("MemorySize", fn.memorySizeMb());
        c.put("LastModified", LAST_MODIFIED.format(served.code().lastModified()));
        c.put("CodeSha256", served.code().sha256());
        c.put("Version", "$LATEST");
        ObjectNode variables = c.putObject("Environment").putObject("Variables");
        fn.environment().forEach(variables::put);
        c.putObject("TracingConfig").put("Mode", "PassThrough");
        c.put("RevisionId", UUID.nameUUIDFromBytes((fn.name() + served.code().sha256()).getBytes()).toString());
        c.put("State", "Active");
        c.put("LastUpdateStatus", "Successful");
        c.put("PackageType", "Zip");
        c.putArray("Architectures").add("x86_64");
        c.putObject("EphemeralStorage").put("Size", 512);
        c.putObject("LoggingConfig").put("LogFormat", "Text").put("LogGroup", "/aws/lambda/" + fn.name());
        return c;
    }

    ObjectNode function(FunctionRegistry.ServedFunction served) {
        ObjectNode f = json.createObjectNode();
        f.set("Configuration", configuration(served));
        f.putObject("Code").put("RepositoryType", "Local")
                .put("Location", served.definition().code().toUri().toString());
        if (served.definition().reservedConcurrency() != null) {
            f.putObject("Concurrency").put("ReservedConcurrentExecutions", served.definition().reservedConcurrency());
        }
        f.putObject("Tags");
        return f;
    }
}
