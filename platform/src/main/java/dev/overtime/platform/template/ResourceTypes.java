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
    static final String LAMBDA_PERMISSION = "AWS::Lambda::Permission";
    static final String SERVERLESS_API = "AWS::Serverless::Api";
    static final String SERVERLESS_HTTP_API = "AWS::Serverless::HttpApi";
    static final String REST_API = "AWS::ApiGateway::RestApi";
    static final String REST_STAGE = "AWS::ApiGateway::Stage";
    static final String REST_DEPLOYMENT = "AWS::ApiGateway::Deployment";
    static final String HTTP_API = "AWS::ApiGatewayV2::Api";
    static final String HTTP_STAGE = "AWS::ApiGatewayV2::Stage";
    static final String SERVERLESS_GRAPHQL_API = "AWS::Serverless::GraphQLApi";
    static final String GRAPHQL_API = "AWS::AppSync::GraphQLApi";
    static final String GRAPHQL_SCHEMA = "AWS::AppSync::GraphQLSchema";
    static final String APPSYNC_API_KEY = "AWS::AppSync::ApiKey";
    static final String APPSYNC_DATA_SOURCE = "AWS::AppSync::DataSource";
    static final String APPSYNC_RESOLVER = "AWS::AppSync::Resolver";
    static final String APPSYNC_FUNCTION = "AWS::AppSync::FunctionConfiguration";
    static final String IAM_ROLE = "AWS::IAM::Role";

    private static final String REST_PREFIX = "AWS::ApiGateway::";
    private static final String HTTP_PREFIX = "AWS::ApiGatewayV2::";

    /** Types accepted now and served by a later piece of work; a trailing {@code *} matches a prefix. */
    private static final Map<String, String> NOT_YET_SERVED = new LinkedHashMap<>();


    private ResourceTypes() {
    }

    static boolean isFunction(String type) {
        return type.equals(SERVERLESS_FUNCTION) || type.equals(LAMBDA_FUNCTION);
    }

    static boolean isVersionOrAlias(String type) {
        return type.equals(LAMBDA_VERSION) || type.equals(LAMBDA_ALIAS);
    }

    /** Whether the type belongs to API Gateway: SAM's APIs and every {@code AWS::ApiGateway(V2)::*} type. */
    static boolean isApiGateway(String type) {
        return type.equals(SERVERLESS_API) || type.equals(SERVERLESS_HTTP_API) || type.startsWith(REST_PREFIX)
                || type.startsWith(HTTP_PREFIX);
    }

    /** Whether Overtime reads the type into a GraphQL API (SAM's GraphQL APIs are expanded into these first). */
    static boolean isAppSync(String type) {
        return type.equals(GRAPHQL_API) || type.equals(GRAPHQL_SCHEMA) || type.equals(APPSYNC_API_KEY)
                || type.equals(APPSYNC_DATA_SOURCE) || type.equals(APPSYNC_RESOLVER) || type.equals(APPSYNC_FUNCTION);
    }

    /** Whether the type is an API itself rather than a part of one (a stage, a route, a key...). */
    static boolean isApi(String type) {
        return type.equals(SERVERLESS_API) || type.equals(SERVERLESS_HTTP_API) || type.equals(REST_API)
                || type.equals(HTTP_API);
    }

    /** Whether the API is a REST API (API Gateway v1) rather than an HTTP API. */
    static boolean isRestApi(String type) {
        return type.equals(SERVERLESS_API) || type.equals(REST_API);
    }

    /** Whether Overtime reads the properties of the type, which must then be a map. */
    static boolean hasReadProperties(String type) {
        return isResolvable(type) || isApi(type) || type.equals(REST_STAGE) || type.equals(REST_DEPLOYMENT)
                || type.equals(HTTP_STAGE) || isAppSync(type) || type.equals(SERVERLESS_GRAPHQL_API);
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
