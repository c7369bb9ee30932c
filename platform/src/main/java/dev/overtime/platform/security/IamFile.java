package dev.overtime.platform.security;

import dev.overtime.platform.security.iam.Policy;
import dev.overtime.platform.security.iam.PolicyReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code serve --iam FILE}:
 * <pre>
 * principals:
 *   - name: invoker
 *     accessKeyId: AKIAINVOKER00000001
 *     secretAccessKey: invokersecret
 *     sessionToken: optional
 *     policies:
 *       - Version: "2012-10-17"
 *         Statement: [{Effect: Allow, Action: "lambda:InvokeFunction", Resource: "arn:aws:lambda:*:*:function:X"}]
 * </pre>
 * Every mistake names its place ({@code principals[1].policies[0].Statement[0].Effect}).
 */
public final class IamFile {

    private IamFile() {
    }

    /** The principals by access key id. */
    public static Map<String, Principal> read(Path file, String accountId) throws IOException {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (YAMLException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("principals") instanceof List<?> list)) {
            throw new IllegalArgumentException(file + ": expected a 'principals' list");
        }
        Map<String, Principal> byKey = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String where = file.getFileName() + ": principals[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> entry)) {
                throw new IllegalArgumentException(where + ": expected a map with name, accessKeyId, secretAccessKey");
            }
            String name = text(entry, "name", where);
            if (!name.matches("[\\w+=,.@-]{1,64}")) {
                throw new IllegalArgumentException(where + ".name: an IAM user name is 1 to 64 of A-Z a-z 0-9 _+=,.@-");
            }
            String key = text(entry, "accessKeyId", where);
            String secret = text(entry, "secretAccessKey", where);
            Object token = entry.get("sessionToken");
            List<Policy> policies = new ArrayList<>();
            if (entry.get("policies") instanceof List<?> written) {
                for (int p = 0; p < written.size(); p++) {
                    policies.add(PolicyReader.read(written.get(p), where + ".policies[" + p + "]"));
                }
            } else if (entry.containsKey("policies")) {
                throw new IllegalArgumentException(where + ".policies: expected a list of policy documents");
            }
            if (byKey.put(key, Principal.of(name, accountId, key, secret, token == null ? null : token.toString(),
                    policies)) != null) {
                throw new IllegalArgumentException(where + ".accessKeyId: " + key + " is used twice");
            }
        }
        return Map.copyOf(byKey);
    }

    private static String text(Map<?, ?> entry, String key, String where) {
        Object value = entry.get(key);
        if (value == null || value.toString().isBlank() || value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException(where + "." + key + " is required");
        }
        return value.toString();
    }
}
