package dev.overtime.platform.appsync.engine;

import dev.overtime.platform.appsync.AuthMode;
import dev.overtime.platform.appsync.GraphQlApiDefinition;
import dev.overtime.platform.appsync.GraphQlApiKey;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which of an API's authorization modes a request's headers satisfy: a current API key
 * ({@code x-api-key}) or a SigV4 {@code Authorization} header. Signatures are checked only where the
 * platform runs with IAM authentication; here the signer's key id and account make up the identity.
 */
public final class RequestAuthenticator {

    /** AppSync's default lifetime for a key without {@code Expires}: seven days. */
    private static final long DEFAULT_KEY_SECONDS = 7 * 24 * 3600;
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");

    private final GraphQlApiDefinition api;
    private final String accountId;
    private final Clock clock;
    private final Map<String, Long> keyExpiry = new LinkedHashMap<>();

    public RequestAuthenticator(GraphQlApiDefinition api, String accountId, Clock clock) {
        this.api = api;
        this.accountId = accountId;
        this.clock = clock;
        long started = clock.instant().getEpochSecond();
        for (GraphQlApiKey key : api.apiKeys()) {
            keyExpiry.put(key.id(), key.expiresEpochSeconds() > 0 ? key.expiresEpochSeconds()
                    : started + DEFAULT_KEY_SECONDS);
        }
    }

    /**
     * The caller the headers identify.
     *
     * @param headers names in lower case
     * @throws Unauthorized when no mode of the API accepts them
     */
    public Caller authenticate(Map<String, String> headers, String sourceIp) throws Unauthorized {
        String key = headers.get("x-api-key");
        if (key != null && api.authModes().contains(AuthMode.API_KEY)) {
            Long expires = keyExpiry.get(key);
            if (expires == null || expires < clock.instant().getEpochSecond()) {
                throw new Unauthorized("You are not authorized to make this call.");
            }
            return new Caller(AuthMode.API_KEY, null, headers);
        }
        String authorization = headers.get("authorization");
        if (authorization != null && authorization.startsWith("AWS4-HMAC-SHA256")
                && api.authModes().contains(AuthMode.AWS_IAM)) {
            Matcher credential = CREDENTIAL.matcher(authorization);
            String keyId = credential.find() ? credential.group(1) : "unknown";
            Map<String, Object> identity = new LinkedHashMap<>();
            identity.put("accountId", accountId);
            identity.put("cognitoIdentityAuthProvider", null);
            identity.put("cognitoIdentityAuthType", null);
            identity.put("cognitoIdentityId", null);
            identity.put("cognitoIdentityPoolId", null);
            identity.put("sourceIp", List.of(sourceIp == null ? "127.0.0.1" : sourceIp));
            identity.put("userArn", "arn:aws:iam::" + accountId + ":user/" + keyId);
            identity.put("username", keyId);
            return new Caller(AuthMode.AWS_IAM, identity, headers);
        }
        if (key == null && authorization == null) {
            throw new Unauthorized("Valid authorization header not provided.");
        }
        throw new Unauthorized("You are not authorized to make this call.");
    }
}
