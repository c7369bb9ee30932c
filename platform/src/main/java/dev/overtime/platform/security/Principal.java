package dev.overtime.platform.security;

import dev.overtime.platform.security.iam.Policy;
import dev.overtime.platform.security.sigv4.Hashing;
import dev.overtime.platform.security.sigv4.SigningSecret;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An IAM user of the iam file: its keys and its identity policies. Its ARN and unique id are worked out
 * once, when the file is read, since every request of theirs needs both.
 *
 * @param name         the user name
 * @param secret       the secret access key, with the session token that must come with the key (null for a
 *                     long-term key)
 * @param userArn      {@code arn:aws:iam::<account>:user/<name>}
 * @param userId       a stable IAM-style unique id ({@code AIDA...}), derived from the account and the name
 */
public record Principal(String name, String accountId, String accessKeyId, SigningSecret secret,
                        List<Policy> policies, String userArn, String userId) {

    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public Principal {
        policies = List.copyOf(policies);
    }

    public static Principal of(String name, String accountId, String accessKeyId, String secretAccessKey,
                               String sessionToken, List<Policy> policies) {
        byte[] hash = Hashing.sha256((accountId + "/" + name).getBytes(StandardCharsets.UTF_8));
        StringBuilder id = new StringBuilder("AIDA");
        for (int i = 0; i < 17; i++) {
            id.append(ID_ALPHABET.charAt((hash[i] & 0xff) % ID_ALPHABET.length()));
        }
        return new Principal(name, accountId, accessKeyId, new SigningSecret(secretAccessKey, sessionToken), policies,
                "arn:aws:iam::" + accountId + ":user/" + name, id.toString());
    }
}
