package dev.overtime.platform.security;

import dev.overtime.platform.security.iam.Policy;
import dev.overtime.platform.security.sigv4.SigningSecret;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An IAM user of the iam file: its keys and its identity policies.
 *
 * @param name         the user name; its ARN is {@code arn:aws:iam::<account>:user/<name>}
 * @param sessionToken the token that must come with the key, or null for a long-term key
 */
public record Principal(String name, String accountId, String accessKeyId, String secretAccessKey,
                        String sessionToken, List<Policy> policies) {

    public Principal {
        policies = List.copyOf(policies);
    }

    public String userArn() {
        return "arn:aws:iam::" + accountId + ":user/" + name;
    }

    /** A stable IAM-style unique id ({@code AIDA...}), derived from the account and the name. */
    public String userId() {
        byte[] hash = dev.overtime.platform.security.sigv4.Hashing.sha256(
                (accountId + "/" + name).getBytes(StandardCharsets.UTF_8));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder id = new StringBuilder("AIDA");
        for (int i = 0; i < 17; i++) {
            id.append(alphabet.charAt((hash[i] & 0xff) % alphabet.length()));
        }
        return id.toString();
    }

    SigningSecret secret() {
        return new SigningSecret(secretAccessKey, sessionToken);
    }
}
