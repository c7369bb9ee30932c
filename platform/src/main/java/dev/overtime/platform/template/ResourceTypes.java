package dev.overtime.platform.template;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What Overtime does with each resource type. */
final class ResourceTypes {

    static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
    static final String LAMBDA_FUNCTION = "AWS::Lambda::Function";
    static final String EVENT_INVOKE_CONFIG = "AWS::Lambda::EventInvokeConfig";
    static final String LAMBDA_VERSION = "AWS::Lambda::Version";
    static final String LAMBDA_ALIAS = "AWS::Lambda::Alias";
    static final String LAMBDA_URL = "AWS::Lambda::Url";

    /** Types accepted now and served by a later piece of work; a trailing {@code *} matches a prefix. */
    private static final Map<String, String> NOT_YET_SERVED = new LinkedHashMap<>();

    static {
        NOT_YET_SERVED.put("AWS::Serverless::Api", "served once API Gateway emulation lands");
        NOT_YET_SERVED.put("AWS::Serverless::HttpApi", "served once API Gateway emulation lands");
        NOT_YET_SERVED.put("AWS::ApiGateway::*", "served once API Gateway emulation lands");
        NOT_YET_SERVED.put("AWS::ApiGatewayV2::*", "served once API Gateway emulation lands");
        NOT_YET_SERVED.put("AWS::Serverless::GraphQLApi", "served once AppSync emulation lands");
        NOT_YET_SERVED.put("AWS::AppSync::*", "served once AppSync emulation lands");
        NOT_YET_SERVED.put("AWS::Lambda::Permission", "accepted; a permission has nothing to serve");
    }

    private ResourceTypes() {
    }

    static boolean isFunction(String type) {
        return type.equals(SERVERLESS_FUNCTION) || type.equals(LAMBDA_FUNCTION);
    }

    static boolean isVersionOrAlias(String type) {
        return type.equals(LAMBDA_VERSION) || type.equals(LAMBDA_ALIAS);
    }

    /** Whether a {@code Ref} to a resource of this type resolves: functions, versions and aliases do. */
    static boolean isResolvable(String type) {
        return isFunction(type) || isVersionOrAlias(type);
    }

    /** Why a type is not served yet, or empty when it is a function or a type Overtime ignores. */
    static Optional<String> notYetServedReason(String type) {
        return NOT_YET_SERVED.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith("*")
                        ? type.startsWith(entry.getKey().substring(0, entry.getKey().length() - 1))
                        : type.equals(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
