package dev.overtime.runtime;

import com.amazonaws.services.lambda.runtime.Client;
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Context} a handler receives for one invocation. The client-context and Cognito
 * headers are parsed only when the handler asks for them.
 */
final class InvocationContext implements Context {

    private final InvocationRequest request;
    private final FunctionConfig config;
    private final LambdaLogger logger;

    private ClientContext clientContext;
    private boolean clientContextParsed;
    private CognitoIdentity identity;
    private boolean identityParsed;

    InvocationContext(InvocationRequest request, FunctionConfig config, LambdaLogger logger) {
        this.request = request;
        this.config = config;
        this.logger = logger;
    }

    @Override
    public String getAwsRequestId() {
        return request.requestId;
    }

    @Override
    public String getLogGroupName() {
        return config.logGroupName;
    }

    @Override
    public String getLogStreamName() {
        return config.logStreamName;
    }

    @Override
    public String getFunctionName() {
        return config.functionName;
    }

    @Override
    public String getFunctionVersion() {
        return config.functionVersion;
    }

    @Override
    public String getInvokedFunctionArn() {
        return request.invokedFunctionArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        if (!identityParsed) {
            identity = parseIdentity(request.cognitoIdentityJson);
            identityParsed = true;
        }
        return identity;
    }

    @Override
    public ClientContext getClientContext() {
        if (!clientContextParsed) {
            clientContext = parseClientContext(request.clientContextJson);
            clientContextParsed = true;
        }
        return clientContext;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long remaining = request.deadlineMs - System.currentTimeMillis();
        return remaining <= 0 ? 0 : (int) Math.min(remaining, Integer.MAX_VALUE);
    }

    @Override
    public int getMemoryLimitInMB() {
        return config.memoryLimitMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    @Override
    public String getTenantId() {
        return request.tenantId;
    }

    @Override
    public String getXrayTraceId() {
        return request.traceId;
    }

    /** Null when the header is absent or empty, as with AWS; a malformed header also yields null. */
    static CognitoIdentity parseIdentity(String json) {
        Map<String, Object> map = parseObject(json);
        if (map == null) {
            return null;
        }
        return new Identity(string(map.get("cognitoIdentityId")), string(map.get("cognitoIdentityPoolId")));
    }

    /** The mobile SDK's {@code {"client":{...},"custom":{...},"env":{...}}}, as AWS reads it. */
    static ClientContext parseClientContext(String json) {
        Map<String, Object> map = parseObject(json);
        if (map == null) {
            return null;
        }
        Map<String, Object> client = object(map.get("client"));
        return new MobileClientContext(
                client == null ? null : new MobileClient(
                        string(client.get("installation_id")),
                        string(client.get("app_title")),
                        string(client.get("app_version_name")),
                        string(client.get("app_version_code")),
                        string(client.get("app_package_name"))),
                stringMap(map.get("custom")),
                stringMap(map.get("env")));
    }

    private static Map<String, Object> parseObject(String json) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        try {
            return object(Json.parse(json));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : null;
    }

    private static String string(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        // Gson, which AWS reads these headers with, turns numbers and booleans into their text.
        return value instanceof Map || value instanceof List ? null : value.toString();
    }

    private static Map<String, String> stringMap(Object value) {
        Map<String, Object> map = object(value);
        if (map == null) {
            return null;
        }
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            strings.put(e.getKey(), string(e.getValue()));
        }
        return Collections.unmodifiableMap(strings);
    }

    /** The {@link CognitoIdentity} of an invocation made with Cognito credentials. */
    static final class Identity implements CognitoIdentity {
        private final String identityId;
        private final String identityPoolId;

        Identity(String identityId, String identityPoolId) {
            this.identityId = identityId;
            this.identityPoolId = identityPoolId;
        }

        @Override
        public String getIdentityId() {
            return identityId;
        }

        @Override
        public String getIdentityPoolId() {
            return identityPoolId;
        }
    }

    /** The {@link ClientContext} an AWS Mobile SDK client sent. */
    static final class MobileClientContext implements ClientContext {
        private final Client client;
        private final Map<String, String> custom;
        private final Map<String, String> environment;

        MobileClientContext(Client client, Map<String, String> custom, Map<String, String> environment) {
            this.client = client;
            this.custom = custom;
            this.environment = environment;
        }

        @Override
        public Client getClient() {
            return client;
        }

        @Override
        public Map<String, String> getCustom() {
            return custom;
        }

        @Override
        public Map<String, String> getEnvironment() {
            return environment;
        }
    }

    /** The app that sent a {@link ClientContext}. */
    static final class MobileClient implements Client {
        private final String installationId;
        private final String appTitle;
        private final String appVersionName;
        private final String appVersionCode;
        private final String appPackageName;

        MobileClient(String installationId, String appTitle, String appVersionName, String appVersionCode,
                     String appPackageName) {
            this.installationId = installationId;
            this.appTitle = appTitle;
            this.appVersionName = appVersionName;
            this.appVersionCode = appVersionCode;
            this.appPackageName = appPackageName;
        }

        @Override
        public String getInstallationId() {
            return installationId;
        }

        @Override
        public String getAppTitle() {
            return appTitle;
        }

        @Override
        public String getAppVersionName() {
            return appVersionName;
        }

        @Override
        public String getAppVersionCode() {
            return appVersionCode;
        }

        @Override
        public String getAppPackageName() {
            return appPackageName;
        }
    }
}
